import { mkdirSync, mkdtempSync, rmSync, utimesSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { bundleIsFresh } from "../../bin/cli-bundle.mjs";
import { contentHash, statStamp } from "../../bin/content-hash.mjs";

// The rule bin/tern.mjs applies before it runs the bundled CLI instead of the sources.
describe("bundleIsFresh", () => {
  let root: string;
  const inputs = ["src/cli/main.ts", "package-lock.json"];
  const bundle = () => {
    mkdirSync(join(root, "build/cli"), { recursive: true });
    writeFileSync(join(root, "build/cli/tern.mjs"), "// bundle");
    const packedHash = contentHash(root, inputs.filter((path) => path !== "package-lock.json"));
    writeFileSync(join(root, "build/cli/inputs.json"), JSON.stringify({ inputs, hash: contentHash(root, inputs), packedHash, stamp: statStamp(root, inputs) }));
  };

  beforeEach(() => {
    root = mkdtempSync(join(tmpdir(), "tern-bundle-"));
    mkdirSync(join(root, "src/cli"), { recursive: true });
    writeFileSync(join(root, "src/cli/main.ts"), "export {}");
    writeFileSync(join(root, "package-lock.json"), "{}");
  });
  afterEach(() => rmSync(root, { recursive: true, force: true }));

  it("is stale when there is no bundle", () => {
    expect(bundleIsFresh(root)).toBe(false);
  });

  it("is fresh while its sources hold what they held at build time, even if touched since", () => {
    bundle();
    expect(bundleIsFresh(root)).toBe(true);
    const later = new Date(Date.now() + 60_000);
    utimesSync(join(root, "src/cli/main.ts"), later, later);
    expect(bundleIsFresh(root)).toBe(true);
  });

  it("is stale once a source's content changed, or a source is gone", () => {
    bundle();
    writeFileSync(join(root, "src/cli/main.ts"), "export const changed = true;");
    expect(bundleIsFresh(root)).toBe(false);
    writeFileSync(join(root, "src/cli/main.ts"), "export {}");
    expect(bundleIsFresh(root)).toBe(true);
    rmSync(join(root, "package-lock.json"));
    expect(bundleIsFresh(root)).toBe(false);
  });

  it("in a copy npm installed from the packed tarball (no lockfile), is fresh while the sources match", () => {
    const top = root;
    root = join(top, "project/node_modules/tern");
    mkdirSync(join(root, "src/cli"), { recursive: true });
    writeFileSync(join(root, "src/cli/main.ts"), "export {}");
    writeFileSync(join(root, "package-lock.json"), "{}");
    bundle();
    rmSync(join(root, "package-lock.json"));
    try {
      expect(bundleIsFresh(root)).toBe(true);
      writeFileSync(join(root, "src/cli/main.ts"), "export const patched = true;");
      expect(bundleIsFresh(root)).toBe(false);
    } finally {
      root = top;
    }
  });

  it("is stale when the list is unreadable or from an older build (no hash)", () => {
    bundle();
    writeFileSync(join(root, "build/cli/inputs.json"), JSON.stringify(inputs));
    expect(bundleIsFresh(root)).toBe(false);
  });
});
