import { execFile } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { afterAll, describe, expect, it } from "vitest";
import { freePort } from "../testing/processes.ts";

const run = promisify(execFile);
const SDK = join(import.meta.dirname, "tern.ts");
const dir = mkdtempSync(join(tmpdir(), "tern-one-line-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Runs `body` as a flow script (ES module, top-level await) through tsx: exit code and stderr. */
async function script(name: string, body: string): Promise<{ code: number; stderr: string }> {
  const file = join(dir, `${name}.mts`); // an ES module wherever the folder is
  writeFileSync(file, `import { Flow, task } from ${JSON.stringify(SDK)};\nconst noop = task(() => {}, { name: "noop" });\nconst flow = new Flow("${name}", () => noop());\n${body}\n`);
  try {
    const { stderr } = await run(process.execPath, ["--import", "tsx", file]);
    return { code: 0, stderr };
  } catch (error) {
    const e = error as { code: number; stderr: string };
    return { code: e.code, stderr: e.stderr };
  }
}

describe("a flow script's failures", () => {
  it("an awaited register() that fails: one line, exit 1", async () => {
    const api = `http://127.0.0.1:${await freePort()}/graphql`;
    const result = await script("awaited", `await flow.register({ projectName: "tutorial", api: ${JSON.stringify(api)} });`);
    expect([result.code, result.stderr.trim().split("\n")]).toEqual([1, [`Error: cannot reach the Tern server at ${api} (is \`tern server start\` running?): ECONNREFUSED`]]);
  });

  it("an unawaited one too", async () => {
    const result = await script("unawaited", `flow.register({ projectName: "" });`);
    expect([result.code, result.stderr.trim().split("\n")]).toEqual([1, ['Error: flow.register() needs a projectName, e.g. flow.register({ projectName: "tutorial" })']]);
  });

  it("any other error keeps its stack trace and exit 1", async () => {
    const result = await script("bug", `flow.register({ projectName: "" }).catch(() => {});\nawait Promise.resolve();\nthrow new TypeError("a bug of the script's own");`);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain("TypeError: a bug of the script's own\n    at ");
  });
});
