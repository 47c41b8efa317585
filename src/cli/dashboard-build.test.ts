import { mkdirSync, mkdtempSync, rmSync, utimesSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { canBuildDashboard, DASHBOARD_HASH_FILE, dashboardBuilder, dashboardNeedsBuild, dashboardSourcesHash } from "./dashboard-build.ts";

describe("dashboardNeedsBuild", () => {
  let root: string;
  const build = () => {
    mkdirSync(join(root, "dist"), { recursive: true });
    writeFileSync(join(root, DASHBOARD_HASH_FILE), `${dashboardSourcesHash(root)}\n`);
  };

  beforeEach(() => {
    root = mkdtempSync(join(tmpdir(), "tern-dashboard-"));
    mkdirSync(join(root, "src/ui/routes"), { recursive: true });
    writeFileSync(join(root, "src/ui/routes/page.tsx"), "export {}");
    writeFileSync(join(root, "index.html"), "<!doctype html>");
  });
  afterEach(() => rmSync(root, { recursive: true, force: true }));

  it("builds when there is no build yet", () => {
    expect(dashboardNeedsBuild(root)).toBe(true);
  });

  it("keeps a build made from the sources as they are", () => {
    build();
    expect(dashboardNeedsBuild(root)).toBe(false);
  });

  it("rebuilds when a nested source's content changed after the build", () => {
    build();
    writeFileSync(join(root, "src/ui/routes/page.tsx"), "export const changed = true;");
    expect(dashboardNeedsBuild(root)).toBe(true);
  });

  it("rebuilds when a source was added or removed", () => {
    build();
    writeFileSync(join(root, "src/ui/routes/new.tsx"), "export {}");
    expect(dashboardNeedsBuild(root)).toBe(true);
    rmSync(join(root, "src/ui/routes/new.tsx"));
    expect(dashboardNeedsBuild(root)).toBe(false);
    rmSync(join(root, "index.html"));
    expect(dashboardNeedsBuild(root)).toBe(true);
  });

  it("keeps the build when a source was only touched (a checkout or copy changes times, not code)", () => {
    build();
    const later = new Date(Date.now() + 60_000);
    utimesSync(join(root, "src/ui/routes/page.tsx"), later, later);
    expect(dashboardNeedsBuild(root)).toBe(false);
  });
});

describe("canBuildDashboard", () => {
  it("is true only where Vite is installed beside the sources (a checkout, not a packed copy)", () => {
    const root = mkdtempSync(join(tmpdir(), "tern-dashboard-"));
    try {
      expect(canBuildDashboard(root)).toBe(false);
      mkdirSync(join(dashboardBuilder(root), ".."), { recursive: true });
      writeFileSync(dashboardBuilder(root), "");
      expect(canBuildDashboard(root)).toBe(true);
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  });
});
