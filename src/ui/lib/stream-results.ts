/**
 * Which answer is newer, the stream's or a plain request's? A live query's cache entry is written by
 * two sources: its stream (each result as the server re-runs it) and plain requests (the first load,
 * polling, invalidations). A request answered late (queued behind the page's other connections)
 * carries data from when the server ran it, possibly before the stream's latest result; written
 * last, it would wind the entry back, and with the stream quiet (the run has ended) it would stay
 * wrong. So a request's answer counts only when no stream result arrived while it was out.
 */
export class StreamResults {
  private readonly counts = new Map<string, number>();

  /** The stream for `key` has delivered a result. */
  delivered(key: string): void {
    this.counts.set(key, (this.counts.get(key) ?? 0) + 1);
  }

  /**
   * Runs `request` and returns its answer, or `current()` (the entry as the stream left it) when a
   * stream result for `key` arrived after the request was sent.
   */
  async unlessStreamedMeanwhile<T>(key: string, request: () => Promise<T>, current: () => T | undefined): Promise<T> {
    const before = this.counts.get(key) ?? 0;
    const answer = await request();
    if ((this.counts.get(key) ?? 0) === before) return answer;
    return current() ?? answer;
  }
}
