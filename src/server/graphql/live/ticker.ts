import { openSync, readSync } from "node:fs";

/**
 * The event source of one live query: yields a tick at once, then once per burst of relevant
 * changes. Ticks are pulled: a change that arrives while the consumer is still re-running the query
 * only marks it dirty, so a busy query runs at most once more. A change after a quiet spell goes
 * out at once; changes within the window after the last tick wait for it to end (trailing).
 *
 * The window follows what a re-run costs (from a tick until the consumer pulls again: query, diff
 * and send), `costFactor` times that, between `minWindowMs` and `maxWindowMs`. So a cheap query (a
 * run's state) follows a burst of changes closely, while an expensive one (a big dashboard tile)
 * re-runs rarely enough to take at most about 1/costFactor of a core. The cost leaves out the time
 * the server's thread waited for a core that other programs held (Linux's run-queue wait): counted
 * as cost, a machine busy with other work widened a run state query's window to hundreds of
 * milliseconds and held back the Success push. Time spent in the read processes or on the server's
 * own other work still counts, so heavy and crowded queries keep their wide windows.
 */
export const LIVE_TICK = Symbol("live-tick");

/**
 * Re-runs a change after a quiet spell may have inside the window before the window holds the rest
 * back. A run's states come in a short burst (Running, then Success 10-30 ms later): with none, the
 * Success waited out the window that the Running push opened, and that window is widest just then,
 * because a re-run's measured time also holds the server's other work of that moment (the click's
 * create, claim and the run page's new streams): a run page's Success showed ~120 ms after its
 * Running in the browser. Earned only by a change that finds nothing pending and the window over, so
 * under a steady stream of changes a query still re-runs at most once per window, plus this.
 */
export const BURST_TICKS = 1;

let schedstat: number | null | undefined;
const schedstatBuffer = Buffer.alloc(128);

/**
 * How long this thread has waited for a core so far, in ms: the second field of Linux's
 * /proc/thread-self/schedstat (kept open and re-read in place, a few microseconds). 0 where it
 * cannot be read; a re-run's cost is then its wall-clock time.
 */
export function runQueueWaitMs(): number {
  if (schedstat === undefined) {
    try {
      schedstat = openSync("/proc/thread-self/schedstat", "r");
    } catch {
      schedstat = null;
    }
  }
  if (schedstat === null) return 0;
  try {
    const length = readSync(schedstat, schedstatBuffer, 0, schedstatBuffer.length, 0);
    const waitedNs = Number(schedstatBuffer.toString("latin1", 0, length).split(" ")[1]);
    return Number.isFinite(waitedNs) ? waitedNs / 1e6 : 0;
  } catch {
    return 0;
  }
}

export class LiveTicker implements AsyncIterableIterator<typeof LIVE_TICK> {
  private dirty = true;
  private initial = true;
  private lastTick = Number.NEGATIVE_INFINITY;
  private tickedAt = 0;
  private tickedWaitMs = 0;
  private windowMs: number;
  /** Ticks left that may go inside the window (see BURST_TICKS). */
  private burst = 0;
  private waiter: ((result: IteratorResult<typeof LIVE_TICK>) => void) | null = null;
  private timer: NodeJS.Timeout | null = null;
  private closed = false;
  private readonly cleanups: (() => void)[] = [];

  constructor(
    private readonly minWindowMs: number,
    private readonly costFactor = 10,
    private readonly maxWindowMs = 1000,
    private readonly waitedMs: () => number = runQueueWaitMs,
    private readonly burstTicks = BURST_TICKS,
  ) {
    this.windowMs = minWindowMs;
  }

  /** Something the query reads has changed. */
  poke(): void {
    if (this.closed) return;
    if (!this.dirty && Date.now() >= this.lastTick + this.windowMs) this.burst = this.burstTicks;
    this.dirty = true;
    this.release();
  }

  onClose(cleanup: () => void): void {
    this.cleanups.push(cleanup);
  }

  next(): Promise<IteratorResult<typeof LIVE_TICK>> {
    if (this.closed) return Promise.resolve({ done: true, value: undefined });
    if (this.tickedAt) {
      const cost = Math.max(0, Date.now() - this.tickedAt - (this.waitedMs() - this.tickedWaitMs));
      this.windowMs = Math.min(this.maxWindowMs, Math.max(this.minWindowMs, cost * this.costFactor));
      this.tickedAt = 0;
    }
    return new Promise((resolve) => {
      this.waiter = resolve;
      this.release();
    });
  }

  return(): Promise<IteratorResult<typeof LIVE_TICK>> {
    this.close();
    return Promise.resolve({ done: true, value: undefined });
  }

  throw(error?: unknown): Promise<IteratorResult<typeof LIVE_TICK>> {
    this.close();
    return Promise.reject(error);
  }

  [Symbol.asyncIterator](): this {
    return this;
  }

  private release(): void {
    if (!this.dirty || !this.waiter || this.timer) return;
    let wait = this.lastTick + this.windowMs - Date.now();
    if (wait > 0 && this.burst > 0) {
      this.burst--;
      wait = 0;
    }
    if (wait > 0) {
      this.timer = setTimeout(() => {
        this.timer = null;
        this.release();
      }, wait);
      return;
    }
    const resolve = this.waiter;
    this.waiter = null;
    this.dirty = false;
    // The initial result opens no window: a change right after subscribing goes out at once.
    this.lastTick = this.initial ? Number.NEGATIVE_INFINITY : Date.now();
    this.initial = false;
    this.tickedAt = Date.now();
    this.tickedWaitMs = this.waitedMs();
    resolve({ done: false, value: LIVE_TICK });
  }

  private close(): void {
    if (this.closed) return;
    this.closed = true;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    this.waiter?.({ done: true, value: undefined });
    this.waiter = null;
    for (const cleanup of this.cleanups.splice(0)) cleanup();
  }
}
