import type { TableName } from "./db/tables.ts";

/**
 * The change feed: services announce which tables a committed transaction touched, and live queries
 * re-run when a table they read changes. In-process by default; on PostgreSQL the feed also crosses
 * processes through LISTEN/NOTIFY (see `postgresFeed`), so several server replicas stay live.
 */
export type ChangeListener = (tables: ReadonlySet<FeedTopic>) => void;

/** A table of the read API, or `api_key` (kept out of the read API): keys were revoked, see auth/key-guard.ts. */
export type FeedTopic = TableName | "api_key";

export interface ChangeFeed {
  /** Announce a committed change. Call after the transaction commits, never inside it. */
  publish(tables: Iterable<FeedTopic>): void;
  subscribe(listener: ChangeListener): () => void;
  close(): Promise<void>;
}

export function createLocalFeed(): ChangeFeed {
  const listeners = new Set<ChangeListener>();
  return {
    publish(tables) {
      const set = new Set(tables);
      if (set.size === 0) return;
      for (const listener of listeners) listener(set);
    },
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    async close() {
      listeners.clear();
    },
  };
}
