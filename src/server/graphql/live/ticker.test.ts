import { existsSync, readFileSync } from "node:fs";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { LIVE_TICK, LiveTicker, runQueueWaitMs } from "./ticker.ts";

/** Drains pending promise callbacks without moving the (fake) clock. */
const settle = () => vi.advanceTimersByTimeAsync(0);

describe("LiveTicker", () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it("ticks at once, then promptly for the first change after a quiet spell", async () => {
    const ticker = new LiveTicker(50);
    expect(await ticker.next()).toEqual({ done: false, value: LIVE_TICK });
    vi.advanceTimersByTime(1000);
    const next = ticker.next();
    let ticked = false;
    next.then(() => (ticked = true));
    await settle();
    expect(ticked).toBe(false);
    ticker.poke();
    await settle();
    expect(ticked).toBe(true);
  });

  it("sends the first change right after subscribing without waiting for a window", async () => {
    const ticker = new LiveTicker(50);
    await ticker.next();
    let ticked = false;
    ticker.next().then(() => (ticked = true));
    ticker.poke();
    await settle();
    expect(ticked).toBe(true);
  });

  it("folds a burst of changes into one trailing tick at the end of the window", async () => {
    const ticker = new LiveTicker(50, 10, 1000, () => 0, 0);
    await ticker.next();
    ticker.poke();
    await ticker.next(); // opens the window
    let ticks = 0;
    const next = ticker.next().then(() => ticks++);
    ticker.poke();
    ticker.poke();
    ticker.poke();
    await vi.advanceTimersByTimeAsync(49);
    expect(ticks).toBe(0);
    await vi.advanceTimersByTimeAsync(1);
    await next;
    expect(ticks).toBe(1);
    // The burst was consumed: the next pull waits for a new change.
    let again = false;
    ticker.next().then(() => (again = true));
    await vi.advanceTimersByTimeAsync(500);
    expect(again).toBe(false);
  });

  it("lets the second change of a burst after a quiet spell out at once, then holds the rest to the window", async () => {
    // Running, then Success a few ms later: both go out at once; what follows within the window waits for it.
    const ticker = new LiveTicker(50, 10, 1000, () => 0, 1);
    await ticker.next();
    vi.advanceTimersByTime(1000);
    ticker.poke();
    await ticker.next(); // the first change after a quiet spell: at once, opens the window
    let ticks = 0;
    const second = ticker.next().then(() => ticks++);
    vi.advanceTimersByTime(5);
    ticker.poke();
    await settle();
    expect(ticks).toBe(1); // the burst's spare tick
    await second;
    const third = ticker.next().then(() => ticks++);
    ticker.poke();
    ticker.poke();
    await vi.advanceTimersByTimeAsync(49);
    expect(ticks).toBe(1); // no spare left: held to the end of the window (50 ms from the spare tick)
    await vi.advanceTimersByTimeAsync(1);
    await third;
    expect(ticks).toBe(2);
  });

  it("earns no spare tick while changes keep coming: a steady stream re-runs once per window", async () => {
    const ticker = new LiveTicker(50, 10, 1000, () => 0, 1);
    await ticker.next();
    ticker.poke();
    await ticker.next(); // after a quiet spell: at once
    ticker.poke();
    await ticker.next(); // the spare tick
    let ticks = 0;
    for (let i = 0; i < 4; i++) {
      const next = ticker.next().then(() => ticks++);
      ticker.poke(); // a change pending when each window ends: never a quiet spell
      await vi.advanceTimersByTimeAsync(49);
      expect(ticks).toBe(i);
      await vi.advanceTimersByTimeAsync(1);
      await next;
      expect(ticks).toBe(i + 1);
    }
  });

  it("widens the window for a query that is slow to re-run, and narrows it again", async () => {
    // A re-run that never waited for a core: all of its time is cost.
    const ticker = new LiveTicker(10, 10, 1000, () => 0, 0);
    await ticker.next();
    ticker.poke();
    await ticker.next(); // a tick: the consumer now spends 30 ms re-running the query
    await vi.advanceTimersByTimeAsync(30);
    let ticks = 0;
    const slow = ticker.next().then(() => ticks++);
    ticker.poke();
    await vi.advanceTimersByTimeAsync(269); // window 30 ms × 10, counted from the tick
    expect(ticks).toBe(0);
    await vi.advanceTimersByTimeAsync(1);
    await slow;
    expect(ticks).toBe(1);
    // This re-run was instant: the window falls back to the 10 ms floor.
    const fast = ticker.next().then(() => ticks++);
    ticker.poke();
    await vi.advanceTimersByTimeAsync(9);
    expect(ticks).toBe(1);
    await vi.advanceTimersByTimeAsync(1);
    await fast;
    expect(ticks).toBe(2);
  });

  it("keeps the narrow window for a re-run that mostly waited for a core other programs held", async () => {
    let waited = 0;
    const ticker = new LiveTicker(10, 10, 1000, () => waited, 0);
    await ticker.next();
    ticker.poke();
    await ticker.next();
    // 30 ms pass before the consumer pulls again, 28 of them waiting for a core.
    await vi.advanceTimersByTimeAsync(30);
    waited += 28;
    let ticks = 0;
    const next = ticker.next().then(() => ticks++);
    ticker.poke();
    // The window is 2 ms × 10 = 20 ms from the tick, which has already passed: the change goes out at once.
    await settle();
    expect(ticks).toBe(1);
    await next;
  });

  it("reads this thread's run-queue wait: schedstat's second field, in ms (0 where Linux does not give it)", () => {
    const path = "/proc/thread-self/schedstat";
    if (!existsSync(path)) {
      expect(runQueueWaitMs()).toBe(0);
      return;
    }
    // Read straight from the file just before and just after: the value lies between the two, which
    // fails for any other field (the first, time on a core, is far larger) or a wrong unit.
    const waitedMs = () => Number(readFileSync(path, "latin1").split(" ")[1]) / 1e6;
    const before = waitedMs();
    const read = runQueueWaitMs();
    const after = waitedMs();
    expect(read).toBeGreaterThanOrEqual(before);
    expect(read).toBeLessThanOrEqual(after);
  });

  it("remembers a change made while the consumer was busy", async () => {
    const ticker = new LiveTicker(50);
    await ticker.next();
    ticker.poke();
    await ticker.next();
    ticker.poke(); // arrives while the first result is still being computed
    const next = ticker.next();
    await vi.advanceTimersByTimeAsync(50);
    expect(await next).toEqual({ done: false, value: LIVE_TICK });
  });

  it("ends a waiting consumer and runs its cleanups on return", async () => {
    const ticker = new LiveTicker(50);
    const cleanup = vi.fn();
    ticker.onClose(cleanup);
    await ticker.next();
    const waiting = ticker.next();
    await ticker.return();
    expect(await waiting).toEqual({ done: true, value: undefined });
    expect(cleanup).toHaveBeenCalledTimes(1);
    ticker.poke();
    expect(await ticker.next()).toEqual({ done: true, value: undefined });
  });
});
