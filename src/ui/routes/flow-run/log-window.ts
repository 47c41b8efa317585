import { useInfiniteQuery, useQuery } from "@tanstack/react-query";
import { useState } from "react";
import type { Log_Bool_Exp } from "../../../core/gql/graphql.ts";
import { gqlQueryOptions } from "../../lib/gql-query.ts";
import { flowRunKeys } from "../../lib/keys.ts";
import { useLiveQuery } from "../../lib/live-query.ts";
import { fetchLogPage, type LogCursor, newerPageParam, olderPageParam, olderThan, type PageParam } from "../../lib/log-cursor.ts";
import { countLines, fetchNewer, fetchOlder, type LogLine, LogWindow } from "./log-queries.ts";

/** Lines kept by the live tail: the newest WINDOW lines matching the filters. */
export const WINDOW = 1000;
/** Paging back: lines per page, and pages held at once (the oldest/newest page drops past that). */
export const PAGE = 500;
export const MAX_PAGES = 4;

/**
 * The lines the log view holds. Live: the newest WINDOW lines, kept current by the live query.
 * Paged: a slice of at most PAGE × MAX_PAGES lines around a chosen line (paging back, or a search hit),
 * extended page by page by keyset on (timestamp, seq); memory stays bounded either way, and the live
 * query keeps running underneath for the total and the way back to the tail.
 */
export function useLogWindow(runId: string, filter: Log_Bool_Exp) {
  const live = useLiveQuery(gqlQueryOptions(flowRunKeys.logs(runId, { where: filter }), LogWindow, { id: runId, where: filter, limit: WINDOW }));
  const newestFirst = live.data?.flow_run_by_pk?.logs;
  const liveLines: LogLine[] = newestFirst ? [...newestFirst].reverse() : [];
  const total = live.data?.flow_run_by_pk?.logs_aggregate.aggregate?.count ?? 0;

  // The slice's anchor belongs to one filter: a new filter returns to the live tail.
  const filterKey = JSON.stringify(filter);
  const [anchor, setAnchor] = useState<{ filterKey: string; cursor: LogCursor } | null>(null);
  const pagedFrom = anchor?.filterKey === filterKey ? anchor.cursor : null;
  const where = (extra: Log_Bool_Exp): Log_Bool_Exp => ({ _and: [{ flow_run_id: { _eq: runId } }, filter, extra] });

  const pages = useInfiniteQuery({
    queryKey: flowRunKeys.logs(runId, { where: filter, pagedFrom }),
    enabled: pagedFrom !== null,
    initialPageParam: { dir: "around", cursor: pagedFrom ?? { timestamp: "", seq: 0 } } as PageParam,
    queryFn: ({ pageParam }) =>
      fetchLogPage(
        pageParam,
        PAGE,
        (w, limit) => fetchOlder(where(w), limit),
        (w, limit) => fetchNewer(where(w), limit),
      ),
    getPreviousPageParam: olderPageParam,
    getNextPageParam: newerPageParam,
    maxPages: MAX_PAGES,
    // Old lines do not change: never refetch (a refetch would walk every held page again).
    staleTime: Number.POSITIVE_INFINITY,
    gcTime: 0,
  });
  const paged = pagedFrom !== null;
  const lines = paged ? (pages.data?.pages.flatMap((p) => p.lines) ?? []) : liveLines;
  const first = lines[0];

  // Where the slice starts in the whole log, for "Lines 1,001–3,000 of 12,000".
  const before = useQuery({
    queryKey: flowRunKeys.logs(runId, { where: filter, before: first ? { timestamp: first.timestamp, seq: first.seq } : null }),
    queryFn: () => (first ? countLines(where(olderThan(first))) : 0),
    enabled: paged && Boolean(first),
    staleTime: Number.POSITIVE_INFINITY,
  });

  return {
    lines,
    total,
    paged,
    pending: paged ? pages.isPending : live.isPending,
    /** 1-based place of the first line held, while paged. */
    start: paged && before.data !== undefined ? before.data + 1 : null,
    /** Older lines exist beyond what is held. */
    hasOlder: paged ? pages.hasPreviousPage : total > liveLines.length,
    hasNewer: paged && pages.hasNextPage,
    fetching: pages.isFetchingPreviousPage || pages.isFetchingNextPage,
    /** Hold the slice around a line (its own line included). */
    showAround: (cursor: LogCursor) => setAnchor({ filterKey, cursor: { timestamp: cursor.timestamp, seq: cursor.seq } }),
    loadOlder: () => {
      if (!paged) {
        if (liveLines[0]) setAnchor({ filterKey, cursor: { timestamp: liveLines[0].timestamp, seq: liveLines[0].seq } });
      } else if (pages.hasPreviousPage && !pages.isFetchingPreviousPage) void pages.fetchPreviousPage();
    },
    loadNewer: () => {
      if (paged && pages.hasNextPage && !pages.isFetchingNextPage) void pages.fetchNextPage();
    },
    jumpToNewest: () => setAnchor(null),
  };
}
