import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it, vi } from "vitest";
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
    // A worker that records when it starts and dies before saying it is ready, like a broken install.
    const starts = join(dir, "starts");
    writeFileSync(starts, "");
    const entry = join(dir, "dying-worker.mjs");
    writeFileSync(entry, `import { appendFileSync } from "node:fs"; appendFileSync(${JSON.stringify(starts)}, Date.now() + "\\n"); process.exit(3);`);
    const pool = new WarmPoolLauncher({ size: 1, workerEntry: entry });
    const startTimes = () => readFileSync(starts, "utf8").split("\n").filter(Boolean).map(Number);
    try {
      await vi.waitFor(() => expect(startTimes().length).toBeGreaterThanOrEqual(3), { timeout: 15_000, interval: 50 });
      // The first death is followed by a retry after at least 0.5 s, the second by one after at least
      // 1 s, where a pool without backoff starts the next worker as soon as the last one died.
      const [first, second, third] = startTimes();
      expect(second - first).toBeGreaterThanOrEqual(restartDelayMs(1));
      expect(third - second).toBeGreaterThanOrEqual(restartDelayMs(2));
    } finally {
      await pool.close();
    }
  }, 20_000);
});
