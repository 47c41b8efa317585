import { mkdirSync, mkdtempSync, rmSync, utimesSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { dashboardNeedsBuild } from "./dashboard-build.ts";

describe("dashboardNeedsBuild", () => {
  let root: string;
  const at = (path: string, secondsAgo: number) => {
    const when = new Date(Date.now() - secondsAgo * 1000);
    utimesSync(join(root, path), when, when);
  };

  beforeEach(() => {
    root = mkdtempSync(join(tmpdir(), "tern-dashboard-"));
    mkdirSync(join(root, "src/ui/routes"), { recursive: true });
    writeFileSync(join(root, "src/ui/routes/page.tsx"), "export {}");
    writeFileSync(join(root, "index.html"), "<!doctype html>");
    for (const path of ["src/ui/routes/page.tsx", "src/ui/routes", "src/ui", "index.html"]) at(path, 60);
  });
  afterEach(() => rmSync(root, { recursive: true, force: true }));

  it("builds when there is no build yet", () => {
    expect(dashboardNeedsBuild(root)).toBe(true);
  });

  it("keeps a build that is newer than every source", () => {
    mkdirSync(join(root, "dist"));
    writeFileSync(join(root, "dist/index.html"), "built");
    expect(dashboardNeedsBuild(root)).toBe(false);
  });

  it("rebuilds when a nested source changed after the build", () => {
    mkdirSync(join(root, "dist"));
    writeFileSync(join(root, "dist/index.html"), "built");
    at("dist/index.html", 30);
    writeFileSync(join(root, "src/ui/routes/page.tsx"), "export const changed = true;");
    expect(dashboardNeedsBuild(root)).toBe(true);
  });
});
