import { useQuery } from "@tanstack/react-query";
import { useState } from "react";
import type { Log_Bool_Exp } from "../../../core/gql/graphql.ts";
import { ilikePattern } from "../../lib/format.ts";
import { gqlQueryOptions } from "../../lib/gql-query.ts";
import { flowRunKeys } from "../../lib/keys.ts";
import { useLiveQuery } from "../../lib/live-query.ts";
import { newerThan, olderThan } from "../../lib/log-cursor.ts";
import { countLines, fetchNewer, fetchOlder, LogCount, type LogLine } from "./log-queries.ts";

/**
 * Search hits over the whole run's log, found by the server (`_ilike` on the message, in log order by
 * (timestamp, seq)), not only over the lines held on screen. The current hit starts at the newest
 * match, next to the tail the reader is looking at; Next goes towards newer lines, Previous towards
 * older, both wrapping around. `knownTotal`: the count when the shown lines are the hits themselves,
 * which spares a second live `_ilike` count over the whole log.
 */
export function useLogHits(runId: string, filter: Log_Bool_Exp, query: string, knownTotal?: number) {
  const active = query !== "";
  const hitWhere: Log_Bool_Exp = { _and: [{ flow_run_id: { _eq: runId } }, filter, { message: { _ilike: ilikePattern(query) } }] };
  const hitKey = JSON.stringify(hitWhere);
  const total = useLiveQuery(gqlQueryOptions(flowRunKeys.logs(runId, { hits: hitWhere }), LogCount, { where: hitWhere }), { enabled: active && knownTotal === undefined });
  const newest = useQuery({
    queryKey: flowRunKeys.logs(runId, { hits: hitWhere, newest: true }),
    queryFn: async () => (await fetchOlder(hitWhere, 1))[0] ?? null,
    enabled: active,
    staleTime: Number.POSITIVE_INFINITY,
    gcTime: 0,
  });
  const [chosen, setChosen] = useState<{ hitKey: string; line: LogLine } | null>(null);
  const picked = active && chosen?.hitKey === hitKey ? chosen.line : null;
  const current = active ? (picked ?? newest.data ?? null) : null;
  const position = useQuery({
    queryKey: flowRunKeys.logs(runId, { hits: hitWhere, upTo: current?.id }),
    queryFn: () => (current ? countLines({ _and: [hitWhere, { _not: newerThan(current) }] }) : 0),
    enabled: Boolean(current),
    staleTime: Number.POSITIVE_INFINITY,
  });

  const step = async (dir: "next" | "previous") => {
    if (!current) return;
    const found =
      dir === "next"
        ? ((await fetchNewer({ _and: [hitWhere, newerThan(current)] }, 1))[0] ?? (await fetchNewer(hitWhere, 1))[0])
        : ((await fetchOlder({ _and: [hitWhere, olderThan(current)] }, 1))[0] ?? (await fetchOlder(hitWhere, 1))[0]);
    if (found) setChosen({ hitKey, line: found });
  };

  return {
    active,
    total: knownTotal ?? total.data?.log_aggregate.aggregate?.count ?? 0,
    current,
    /** The reader moved to this hit (rather than it being the first one found). */
    chosen: picked !== null,
    position: current && position.data ? position.data : null,
    next: () => step("next"),
    previous: () => step("previous"),
  };
}

