import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { restartDelayMs, WarmPoolLauncher } from "./warm-pool.ts";

describe("restartDelayMs", () => {
  it("starts at once, then doubles from half a second up to 30 s", () => {
    expect([0, 1, 2, 3, 4].map(restartDelayMs)).toEqual([0, 500, 1000, 2000, 4000]);
    expect(restartDelayMs(20)).toBe(30_000);
  });
});

describe("a warm pool whose engines die as they start", () => {
  const dir = mkdtempSync(join(tmpdir(), "tern-warm-pool-"));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it("backs off instead of forking in a tight loop", async () => {
    // A worker that records its start and dies before saying it is ready, like a broken install.
    const starts = join(dir, "starts");
    writeFileSync(starts, "");
    const entry = join(dir, "dying-worker.mjs");
    writeFileSync(entry, `import { appendFileSync } from "node:fs"; appendFileSync(${JSON.stringify(starts)}, "x"); process.exit(3);`);
    const pool = new WarmPoolLauncher({ size: 1, workerEntry: entry });
    const count = () => readFileSync(starts, "utf8").length;
    try {
      // The first death is followed by a retry after 0.5 s …
      for (let waited = 0; count() < 2 && waited < 15_000; waited += 50) await new Promise((r) => setTimeout(r, 50));
      expect(count()).toBe(2);
      // … the second by one after 1 s and the third after 2 s: at most one more start in the next
      // 1.5 s, where a pool without backoff would start one every few hundred milliseconds.
      await new Promise((r) => setTimeout(r, 1500));
      expect(count()).toBeLessThanOrEqual(3);
    } finally {
      await pool.close();
    }
  }, 20_000);
});
