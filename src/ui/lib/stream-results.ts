/**
 * Which answer is newer, the stream's or a plain request's? A live query's cache entry is written by
 * two sources: its stream (each result as the server re-runs it) and plain requests (the first load,
 * polling, invalidations). A request answered late (queued behind the page's other connections)
 * carries data from when the server ran it, possibly before the stream's latest result; written
 * last, it would wind the entry back, and with the stream quiet (the run has ended) it would stay
 * wrong. So a request's answer counts only when no stream result arrived while it was out.
 *
 * Only keys with a request out are tracked (a delivery to any other key changes no answer), so the
 * memory held is bounded by the requests in flight, not by every key the page ever streamed.
 */
export class StreamResults {
  /** Per key with requests out: how many are out, and how many stream results arrived meanwhile. */
  private readonly watched = new Map<string, { requests: number; delivered: number }>();

  /** The stream for `key` has delivered a result. */
  delivered(key: string): void {
    const watch = this.watched.get(key);
    if (watch) watch.delivered++;
  }

  /** Keys tracked now: those with a request out. */
  get tracked(): number {
    return this.watched.size;
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
