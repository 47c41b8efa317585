/**
 * How long a live query's first load waits for its stream's first result before it sends a plain
 * request instead (a stream that connects but stays silent, e.g. behind a buffering proxy).
 */
export const FIRST_RESULT_WAIT_MS = 3000;

interface Connecting {
  settle(data: unknown): void;
  result: Promise<unknown>;
}

/**
 * What a live query's plain requests make of its stream's results. A live query's cache entry is
 * written by two sources: its stream (each result as the server re-runs it) and plain requests (the
 * first load, polling, invalidations).
 *
 * The first load: a stream starts with the query's current result, so while the stream is connecting
 * a load waits for that result instead of asking the same question again beside it. On a page that
 * opens several live queries at once, each plain request took a connection of the browser's six
 * next to its stream's operation, and the results the page waited for queued behind them. When the
 * attempt fails (network, refusal, stopped) or stays silent too long, the load sends its request.
 *
 * Newer answers win: a request answered late (queued behind the page's other connections) carries
 * data from when the server ran it, possibly before the stream's latest result; written last, it
 * would wind the entry back, and with the stream quiet (the run has ended) it would stay wrong. So a
 * request's answer counts only when no stream result arrived while it was out.
 *
 * Only keys with a request out or a stream connecting are tracked (a delivery to any other key
 * changes no answer), so the memory held is bounded by those, not by every key the page streamed.
 */
export class StreamResults {
  /** Per key with requests out: how many are out, and how many stream results arrived meanwhile. */
  private readonly watched = new Map<string, { requests: number; delivered: number }>();
  /** Per key whose stream is connecting and has not delivered yet: its first result, once it comes. */
  private readonly connecting = new Map<string, Connecting>();

  constructor(private readonly firstResultWaitMs = FIRST_RESULT_WAIT_MS) {}

  /** The stream for `key` is connecting: loads of `key` wait for its first result. */
  opened(key: string): void {
    if (this.connecting.has(key)) return;
    let settle!: (data: unknown) => void;
    const result = new Promise<unknown>((resolve) => (settle = resolve));
    this.connecting.set(key, { settle, result });
  }

  /** The stream for `key` has delivered a result. */
  delivered(key: string, data?: unknown): void {
    const watch = this.watched.get(key);
    if (watch) watch.delivered++;
    this.settle(key, data);
  }

  /** The stream for `key` ended or stopped before its first result: loads waiting for it send their requests. */
  failed(key: string): void {
    this.settle(key, undefined);
  }

  private settle(key: string, data: unknown): void {
    const connecting = this.connecting.get(key);
    if (!connecting) return;
    this.connecting.delete(key);
    connecting.settle(data);
  }

  /** Keys tracked now: those with a request out or a stream connecting. */
  get tracked(): number {
    return new Set([...this.watched.keys(), ...this.connecting.keys()]).size;
  }

  /**
   * A load of `key`: once its connecting stream has delivered, the entry as the stream left it
   * (`current()`); or else `request`'s answer (see unlessStreamedMeanwhile).
   */
  async load<T>(key: string, request: () => Promise<T>, current: () => T | undefined): Promise<T> {
    const connecting = this.connecting.get(key);
    if (connecting) {
      let timer: ReturnType<typeof setTimeout> | undefined;
      const silent = new Promise<undefined>((resolve) => (timer = setTimeout(resolve, this.firstResultWaitMs, undefined)));
      const first = await Promise.race([connecting.result, silent]);
      clearTimeout(timer);
      // The entry as the stream left it: a stream may deliver several results in one task (a run that
      // went Running then Success within one push), each written to the entry before this resumes.
      if (first !== undefined) return current() ?? (first as T);
    }
    return this.unlessStreamedMeanwhile(key, request, current);
  }

  /**
   * Runs `request` and returns its answer, or `current()` (the entry as the stream left it) when a
   * stream result for `key` arrived after the request was sent.
   */
  async unlessStreamedMeanwhile<T>(key: string, request: () => Promise<T>, current: () => T | undefined): Promise<T> {
    const watch = this.watched.get(key) ?? { requests: 0, delivered: 0 };
    this.watched.set(key, watch);
    watch.requests++;
    const before = watch.delivered;
    try {
      const answer = await request();
      if (watch.delivered === before) return answer;
      return current() ?? answer;
    } finally {
      if (--watch.requests === 0) this.watched.delete(key);
    }
  }
}
