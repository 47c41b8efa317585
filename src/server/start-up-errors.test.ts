import { execFile } from "node:child_process";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { holdSqliteWriteLock } from "./db/write-lock-holder.ts";

/**
 * `tern server start` on a database it cannot open ends with exit code 1 and one line that names the
 * file and the cause (the driver's or system's code in parentheses), not a stack or a bare
 * "file is not a database".
 */

const TERN = join(import.meta.dirname, "../../bin/tern.mjs");

async function startServer(home: string): Promise<{ code: number | null; stderr: string }> {
  const { DATABASE_URL: _ignored, ...env } = process.env;
  const result = await promisify(execFile)(process.execPath, [TERN, "server", "start", "--port", "0"], {
    env: { ...env, TERN_HOME: home },
    timeout: 20_000,
  }).then(
    () => ({ code: 0, stderr: "" }),
    (error: { code?: number | null; stderr?: string }) => ({ code: error.code ?? null, stderr: error.stderr ?? "" }),
  );
  return result;
}

describe("start-up errors name the database file and the cause in one line", { timeout: 30_000 }, () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), "tern-start-"));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it("a TERN_HOME that cannot be created", async () => {
    writeFileSync(join(dir, "a-file"), "");
    const home = join(dir, "a-file", "home");
    const { code, stderr } = await startServer(home);
    expect(code).toBe(1);
    expect(stderr.trim().split("\n")).toEqual([expect.stringContaining(`${join(home, "tern.db")}`)]);
    expect(stderr).toContain("(ENOTDIR)");
  });

  it("a corrupt database file", async () => {
    const home = join(dir, "corrupt");
    mkdirSync(home);
    writeFileSync(join(home, "tern.db"), Buffer.alloc(8192, 7));
    const { code, stderr } = await startServer(home);
    expect(code).toBe(1);
    expect(stderr.trim().split("\n")).toEqual([expect.stringContaining(join(home, "tern.db"))]);
    expect(stderr).toContain("(SQLITE_NOTADB)");
  });

  it("a database file locked by another process", async () => {
    const home = join(dir, "locked");
    mkdirSync(home);
    // A file not in WAL mode under an exclusive lock: nobody can even read it until the holder lets go.
    const lock = await holdSqliteWriteLock(join(home, "tern.db"), { mode: "exclusive" });
    try {
      const { code, stderr } = await startServer(home);
      expect(code).toBe(1);
      expect(stderr.trim().split("\n")).toEqual([expect.stringContaining(join(home, "tern.db"))]);
      expect(stderr).toContain("(SQLITE_BUSY)");
    } finally {
      lock.release();
      await lock.released;
    }
  });
});
