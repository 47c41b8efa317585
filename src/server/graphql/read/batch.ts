/**
 * Per-request batching of relationship loads (no N+1): every call with the same `key` made before
 * the event loop turns joins one batch, and `fetch` runs once for all of its ids. Waiting for
 * `setImmediate` rather than a microtask lets sibling list items, whose parents resolved in
 * separate microtasks, all join the same batch.
 */

interface Batch<V> {
  ids: string[];
  seen: Set<string>;
  promise: Promise<Map<string, V>>;
}

/** How many keys go into one `IN (…)` list; larger batches run as several statements. */
const CHUNK = 1000;

export function batchLoad<V>(
  loaders: Map<string, unknown>,
  key: string,
  id: string,
  fetch: (ids: string[]) => Promise<Map<string, V>>,
): Promise<V | undefined> {
  const loaderKey = `read:${key}`;
  let batch = loaders.get(loaderKey) as Batch<V> | undefined;
  if (!batch) {
    const ids: string[] = [];
    const fresh: Batch<V> = {
      ids,
      seen: new Set(),
      promise: new Promise<Map<string, V>>((resolve, reject) => {
        setImmediate(() => {
          // Later calls (the next level of the query) start a new batch.
          loaders.delete(loaderKey);
          fetchChunked(ids, fetch).then(resolve, reject);
        });
      }),
    };
    batch = fresh;
    loaders.set(loaderKey, batch);
  }
  if (!batch.seen.has(id)) {
    batch.seen.add(id);
    batch.ids.push(id);
  }
  return batch.promise.then((results) => results.get(id));
}

async function fetchChunked<V>(ids: string[], fetch: (ids: string[]) => Promise<Map<string, V>>): Promise<Map<string, V>> {
  if (ids.length <= CHUNK) return fetch(ids);
  const out = new Map<string, V>();
  for (let i = 0; i < ids.length; i += CHUNK) {
    for (const [k, v] of await fetch(ids.slice(i, i + CHUNK))) out.set(k, v);
  }
  return out;
}
