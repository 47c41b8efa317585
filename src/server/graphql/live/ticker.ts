/**
 * The event source of one live query: yields a tick at once, then once per burst of relevant
 * changes. Ticks are pulled: a change that arrives while the consumer is still re-running the query
 * only marks it dirty, so a busy query runs at most once more. A change after a quiet spell goes
 * out at once; changes within the window after the last tick wait for it to end (trailing).
 *
 * The window follows what a re-run costs (from a tick until the consumer pulls again: query, diff
 * and send), `costFactor` times that, between `minWindowMs` and `maxWindowMs`. So a cheap query (a
 * run's state) follows a burst of changes closely, while an expensive one (a big dashboard tile)
 * re-runs rarely enough to take at most about 1/costFactor of a core. The cost is the CPU time the
 * process spent meanwhile (capped by the wall-clock time): waiting for cores that other programs
 * hold costs the server nothing, and counted as cost it widened a run's state query's window to
 * hundreds of milliseconds on a busy machine, holding back the Success push. The server's own
 * concurrent work does count, so many queries re-running at once widen each other's windows.
 */
export const LIVE_TICK = Symbol("live-tick");

/** CPU time (user + system) this process has used so far, in ms. */
export function processCpuMs(): number {
  const { user, system } = process.cpuUsage();
  return (user + system) / 1000;
}

export class LiveTicker implements AsyncIterableIterator<typeof LIVE_TICK> {
  private dirty = true;
  private initial = true;
  private lastTick = Number.NEGATIVE_INFINITY;
  private tickedAt = 0;
  private tickedCpuMs = 0;
  private windowMs: number;
  private waiter: ((result: IteratorResult<typeof LIVE_TICK>) => void) | null = null;
  private timer: NodeJS.Timeout | null = null;
  private closed = false;
  private readonly cleanups: (() => void)[] = [];

  constructor(
    private readonly minWindowMs: number,
    private readonly costFactor = 10,
    private readonly maxWindowMs = 1000,
    private readonly cpuMs: () => number = processCpuMs,
  ) {
    this.windowMs = minWindowMs;
  }

  /** Something the query reads has changed. */
  poke(): void {
    if (this.closed) return;
    this.dirty = true;
    this.release();
  }

  onClose(cleanup: () => void): void {
    this.cleanups.push(cleanup);
  }

  next(): Promise<IteratorResult<typeof LIVE_TICK>> {
    if (this.closed) return Promise.resolve({ done: true, value: undefined });
    if (this.tickedAt) {
      const cost = Math.min(Date.now() - this.tickedAt, this.cpuMs() - this.tickedCpuMs);
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
    const wait = this.lastTick + this.windowMs - Date.now();
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
    this.tickedCpuMs = this.cpuMs();
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
