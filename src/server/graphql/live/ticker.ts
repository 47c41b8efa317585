/**
 * The event source of one live query: yields a tick at once, then once per burst of relevant
 * changes. Ticks are pulled: a change that arrives while the consumer is still re-running the query
 * only marks it dirty, so a busy query runs at most once more. A change after a quiet spell goes
 * out at once; changes within `throttleMs` of the last tick wait for the window to end (trailing).
 */
export const LIVE_TICK = Symbol("live-tick");

export class LiveTicker implements AsyncIterableIterator<typeof LIVE_TICK> {
  private dirty = true;
  private initial = true;
  private lastTick = Number.NEGATIVE_INFINITY;
  private waiter: ((result: IteratorResult<typeof LIVE_TICK>) => void) | null = null;
  private timer: NodeJS.Timeout | null = null;
  private closed = false;
  private readonly cleanups: (() => void)[] = [];

  constructor(private readonly throttleMs: number) {}

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
    const wait = this.lastTick + this.throttleMs - Date.now();
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
