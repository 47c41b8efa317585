import type { Query, QueryClient, QueryKey } from "@tanstack/react-query";

/** What a live query's stream has delivered so far. */
export interface Delivered {
  /** How many results, counted from the stream's start. */
  count: number;
  /** The last one. */
  latest: unknown;
}

/**
 * A fetch writes its answer a few microtasks after the query function returned it (TanStack awaits
 * it first). A stream result written in between is overwritten with the older answer, and with the
 * stream then quiet (a run that has ended) the entry would stay wrong: a loader waiting for a run's
 * first live result got Running and Success in one push, and the page showed Running for good. So
 * when a fetch's answer is written and the query's stream delivered while that fetch was out, the
 * stream's latest result is written again, as a request's answer already yields to a stream result
 * that arrived while it was out (stream-results.ts).
 *
 * `deliveredFor` finds the stream of a query key, if any. Returns the unsubscribe.
 */
export function rewriteStreamedAfterFetches(client: QueryClient, deliveredFor: (queryKey: QueryKey) => Delivered | undefined): () => void {
  const atFetchStart = new WeakMap<Query, number>();
  return client.getQueryCache().subscribe((event) => {
    if (event.type !== "updated") return;
    const { action, query } = event;
    if (action.type !== "fetch" && !(action.type === "success" && !action.manual)) return;
    const delivered = deliveredFor(query.queryKey);
    if (!delivered) return;
    if (action.type === "fetch") {
      atFetchStart.set(query, delivered.count);
      return;
    }
    const start = atFetchStart.get(query);
    atFetchStart.delete(query);
    if (start === undefined || delivered.count === start) return;
    // After the cache has told every listener of the fetch's write.
    queueMicrotask(() => client.setQueryData(query.queryKey, delivered.latest));
  });
}
