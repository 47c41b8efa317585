import { type QueryKey, type UseQueryOptions, useQuery, useQueryClient } from "@tanstack/react-query";
import type { DocumentNode } from "graphql";
import { useEffect } from "react";
import { connection } from "./connection.ts";
import type { GqlMeta } from "./gql-query.ts";
import { toSubscription } from "./live-document.ts";
import { onEnd, pipe, subscribe } from "wonka";
import { urql } from "./transport.ts";

/** How often a view polls while its live stream is down. */
export const FALLBACK_POLL_MS = 3000;

/**
 * `useQuery` kept live: subscribes to the subscription twin of the options' document and writes each
 * result into the same cache entry. While the stream is down it polls and retries the stream with
 * backoff; the stream resumes on its own when the server is back.
 */
export function useLiveQuery<TData, TKey extends QueryKey>(options: UseQueryOptions<TData, Error, TData, TKey>, enabled = true) {
  const client = useQueryClient();
  const meta = options.meta as unknown as GqlMeta | undefined;
  const keyHash = JSON.stringify(options.queryKey);
  useEffect(() => {
    if (!enabled || !meta) return;
    const stream = Symbol(keyHash);
    const live = toSubscription(meta.document as DocumentNode);
    let stopped = false;
    let attempt = 0;
    let timer: ReturnType<typeof setTimeout> | undefined;
    let current: { unsubscribe(): void } | undefined;
    const reconnect = () => {
      if (stopped) return;
      connection.markDown(stream);
      current?.unsubscribe();
      const delay = Math.min(10_000, 500 * 2 ** attempt);
      attempt += 1;
      timer = setTimeout(open, delay);
    };
    const open = () => {
      if (stopped) return;
      let ended = false;
      const end = () => {
        if (ended) return;
        ended = true;
        reconnect();
      };
      // wonka is urql's stream library; onEnd tells us when the server closed the SSE stream.
      const sub = pipe(
        urql.subscription(live, meta.variables),
        onEnd(end),
        subscribe((result) => {
          if (result.error) return end();
          if (result.data) {
            attempt = 0;
            connection.markUp(stream);
            client.setQueryData<TData>(options.queryKey as QueryKey, result.data as TData);
          }
        }),
      );
      current = sub;
    };
    open();
    return () => {
      stopped = true;
      clearTimeout(timer);
      current?.unsubscribe();
      connection.markUp(stream);
    };
    // The key hash stands for key + variables; the document is fixed per key.
  }, [keyHash, enabled]);
  return useQuery({ ...options, enabled, refetchInterval: () => (connection.isLive() ? false : FALLBACK_POLL_MS) });
}
