import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { build } from "esbuild";
import { afterAll, describe, expect, it } from "vitest";
import { leaveNodeFetchUnloaded, zodEnglishOnly } from "./bundle-rewrites.mjs";

const ROOT = join(import.meta.dirname, "..");
const dir = mkdtempSync(join(tmpdir(), "tern-bundle-rewrites-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Bundles `entry` (resolved from the repository, as the CLI bundle is) with one rewrite plugin. */
async function bundle(entry: string, plugin: typeof zodEnglishOnly) {
  const result = await build({
    stdin: { contents: entry, resolveDir: ROOT, loader: "js" },
    bundle: true,
    platform: "node",
    format: "esm",
    write: false,
    logLevel: "silent",
    plugins: [plugin],
  });
  return { code: result.outputFiles[0].text, warnings: result.warnings.map((w) => w.text) };
}

// Each rewrite matches one line or one import of the installed dependency: when an update changes
// it, these fail, and the rewrite is fixed or dropped.
describe("the CLI bundle's rewrites of dependency files still apply", () => {
  it("@whatwg-node/server: the Request comparison reads the global only once Node's fetch is loaded", async () => {
    const { code, warnings } = await bundle('export { createServerAdapter } from "@whatwg-node/server";', leaveNodeFetchUnloaded);
    expect(warnings).toEqual([]);
    expect(code).toContain('typeof Object.getOwnPropertyDescriptor(globalThis, "Request")?.get === "function"');
  });

  it("zod: z.locales holds English only, and messages are still English", async () => {
    const { code, warnings } = await bundle('import { z } from "zod"; export const locales = Object.keys(z.locales); export const message = z.string().safeParse(1).error.issues[0].message;', zodEnglishOnly);
    expect(warnings).toEqual([]);
    const file = join(dir, "zod.mjs");
    writeFileSync(file, code);
    const bundled = (await import(pathToFileURL(file).href)) as { locales: string[]; message: string };
    expect(bundled.locales).toEqual(["en"]);
    expect(bundled.message).toMatch(/^Invalid input: expected string/);
  });
});
