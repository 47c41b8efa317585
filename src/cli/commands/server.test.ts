import { execFile } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { afterAll, describe, expect, it } from "vitest";

const run = promisify(execFile);
const TERN = join(import.meta.dirname, "../../../bin/tern.mjs");
const home = mkdtempSync(join(tmpdir(), "tern-server-cli-"));
afterAll(() => rmSync(home, { recursive: true, force: true }));

/** `tern server start` with extra environment; resolves with its exit code and output instead of throwing. */
async function serverStart(env: Record<string, string>) {
  try {
    const { stdout, stderr } = await run(process.execPath, [TERN, "server", "start", "--port", "0"], {
      env: { ...process.env, TERN_HOME: home, DATABASE_URL: join(home, "tern.db"), ...env },
      timeout: 30_000,
    });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const e = error as { code: number; stdout: string; stderr: string };
    return { code: e.code, stdout: e.stdout, stderr: e.stderr };
  }
}

describe("tern server start refuses invalid liveness settings", () => {
  it.each([
    ["TERN_ZOMBIE_TIMEOUT", "abc"],
    ["TERN_ZOMBIE_TIMEOUT", "1"],
    ["TERN_ZOMBIE_TIMEOUT", "-5"],
    ["TERN_START_TIMEOUT", "0"],
    ["TERN_START_TIMEOUT", "ten minutes"],
  ])("%s=%s: one line naming the setting, exit 1", async (name, value) => {
    const result = await serverStart({ [name]: value });
    expect(result.code).toBe(1);
    const lines = result.stderr.trim().split("\n");
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(new RegExp(`^Error: ${name} must be a number of seconds`));
  });
});
