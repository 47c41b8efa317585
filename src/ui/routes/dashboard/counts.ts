import { graphql } from "../../../core/gql/gql.ts";
import type { Dashboard_BucketCountsQuery, Dashboard_BucketCountsQueryVariables, Dashboard_ChartCountsQuery, Dashboard_ChartCountsQueryVariables, Flow_Run_Bool_Exp } from "../../../core/gql/graphql.ts";
import { queryOptions } from "@tanstack/react-query";
import { mapLimited } from "../../lib/bulk-runs.ts";
import { errorCode, gqlQueryOptions, runQuery } from "../../lib/gql-query.ts";
import { flowRunKeys } from "../../lib/keys.ts";
import { type Bucket, OUTCOME_STATES, OUTCOMES, type Outcome } from "../../lib/run-window.ts";

/** One count: a live query may have one root field, so each number the summary shows is its own query. */
const Count = graphql(`
  query Dashboard_count($where: flow_run_bool_exp!) {
    flow_run_aggregate(where: $where) {
      aggregate {
        count
      }
    }
  }
`);

/**
 * The chart's counts in one request: four outcome counts for each of up to CHART_BUCKETS buckets,
 * each bucket's range (and project) a variable. A live query may hold one root field, so this is a
 * plain query the summary refreshes (see summary.tsx). Windows of 12 or 24 buckets leave the rest
 * out with `@include`, so the server neither runs nor charges for them.
 */
const ChartCounts = graphql(`
  query Dashboard_chartCounts($more12: Boolean!, $more24: Boolean!, $succeeded: flow_run_bool_exp!, $failed: flow_run_bool_exp!, $cancelled: flow_run_bool_exp!, $other: flow_run_bool_exp!, $b0: flow_run_bool_exp!, $b1: flow_run_bool_exp!, $b2: flow_run_bool_exp!, $b3: flow_run_bool_exp!, $b4: flow_run_bool_exp!, $b5: flow_run_bool_exp!, $b6: flow_run_bool_exp!, $b7: flow_run_bool_exp!, $b8: flow_run_bool_exp!, $b9: flow_run_bool_exp!, $b10: flow_run_bool_exp!, $b11: flow_run_bool_exp!, $b12: flow_run_bool_exp!, $b13: flow_run_bool_exp!, $b14: flow_run_bool_exp!, $b15: flow_run_bool_exp!, $b16: flow_run_bool_exp!, $b17: flow_run_bool_exp!, $b18: flow_run_bool_exp!, $b19: flow_run_bool_exp!, $b20: flow_run_bool_exp!, $b21: flow_run_bool_exp!, $b22: flow_run_bool_exp!, $b23: flow_run_bool_exp!, $b24: flow_run_bool_exp!, $b25: flow_run_bool_exp!, $b26: flow_run_bool_exp!, $b27: flow_run_bool_exp!) {
    b0s: flow_run_aggregate(where: { _and: [$b0, $succeeded] }) { aggregate { count } }
    b0f: flow_run_aggregate(where: { _and: [$b0, $failed] }) { aggregate { count } }
    b0c: flow_run_aggregate(where: { _and: [$b0, $cancelled] }) { aggregate { count } }
    b0o: flow_run_aggregate(where: { _and: [$b0, $other] }) { aggregate { count } }
    b1s: flow_run_aggregate(where: { _and: [$b1, $succeeded] }) { aggregate { count } }
    b1f: flow_run_aggregate(where: { _and: [$b1, $failed] }) { aggregate { count } }
    b1c: flow_run_aggregate(where: { _and: [$b1, $cancelled] }) { aggregate { count } }
    b1o: flow_run_aggregate(where: { _and: [$b1, $other] }) { aggregate { count } }
    b2s: flow_run_aggregate(where: { _and: [$b2, $succeeded] }) { aggregate { count } }
    b2f: flow_run_aggregate(where: { _and: [$b2, $failed] }) { aggregate { count } }
    b2c: flow_run_aggregate(where: { _and: [$b2, $cancelled] }) { aggregate { count } }
    b2o: flow_run_aggregate(where: { _and: [$b2, $other] }) { aggregate { count } }
    b3s: flow_run_aggregate(where: { _and: [$b3, $succeeded] }) { aggregate { count } }
    b3f: flow_run_aggregate(where: { _and: [$b3, $failed] }) { aggregate { count } }
    b3c: flow_run_aggregate(where: { _and: [$b3, $cancelled] }) { aggregate { count } }
    b3o: flow_run_aggregate(where: { _and: [$b3, $other] }) { aggregate { count } }
    b4s: flow_run_aggregate(where: { _and: [$b4, $succeeded] }) { aggregate { count } }
    b4f: flow_run_aggregate(where: { _and: [$b4, $failed] }) { aggregate { count } }
    b4c: flow_run_aggregate(where: { _and: [$b4, $cancelled] }) { aggregate { count } }
    b4o: flow_run_aggregate(where: { _and: [$b4, $other] }) { aggregate { count } }
    b5s: flow_run_aggregate(where: { _and: [$b5, $succeeded] }) { aggregate { count } }
    b5f: flow_run_aggregate(where: { _and: [$b5, $failed] }) { aggregate { count } }
    b5c: flow_run_aggregate(where: { _and: [$b5, $cancelled] }) { aggregate { count } }
    b5o: flow_run_aggregate(where: { _and: [$b5, $other] }) { aggregate { count } }
    b6s: flow_run_aggregate(where: { _and: [$b6, $succeeded] }) { aggregate { count } }
    b6f: flow_run_aggregate(where: { _and: [$b6, $failed] }) { aggregate { count } }
    b6c: flow_run_aggregate(where: { _and: [$b6, $cancelled] }) { aggregate { count } }
    b6o: flow_run_aggregate(where: { _and: [$b6, $other] }) { aggregate { count } }
    b7s: flow_run_aggregate(where: { _and: [$b7, $succeeded] }) { aggregate { count } }
    b7f: flow_run_aggregate(where: { _and: [$b7, $failed] }) { aggregate { count } }
    b7c: flow_run_aggregate(where: { _and: [$b7, $cancelled] }) { aggregate { count } }
    b7o: flow_run_aggregate(where: { _and: [$b7, $other] }) { aggregate { count } }
    b8s: flow_run_aggregate(where: { _and: [$b8, $succeeded] }) { aggregate { count } }
    b8f: flow_run_aggregate(where: { _and: [$b8, $failed] }) { aggregate { count } }
    b8c: flow_run_aggregate(where: { _and: [$b8, $cancelled] }) { aggregate { count } }
    b8o: flow_run_aggregate(where: { _and: [$b8, $other] }) { aggregate { count } }
    b9s: flow_run_aggregate(where: { _and: [$b9, $succeeded] }) { aggregate { count } }
    b9f: flow_run_aggregate(where: { _and: [$b9, $failed] }) { aggregate { count } }
    b9c: flow_run_aggregate(where: { _and: [$b9, $cancelled] }) { aggregate { count } }
    b9o: flow_run_aggregate(where: { _and: [$b9, $other] }) { aggregate { count } }
    b10s: flow_run_aggregate(where: { _and: [$b10, $succeeded] }) { aggregate { count } }
    b10f: flow_run_aggregate(where: { _and: [$b10, $failed] }) { aggregate { count } }
    b10c: flow_run_aggregate(where: { _and: [$b10, $cancelled] }) { aggregate { count } }
    b10o: flow_run_aggregate(where: { _and: [$b10, $other] }) { aggregate { count } }
    b11s: flow_run_aggregate(where: { _and: [$b11, $succeeded] }) { aggregate { count } }
    b11f: flow_run_aggregate(where: { _and: [$b11, $failed] }) { aggregate { count } }
    b11c: flow_run_aggregate(where: { _and: [$b11, $cancelled] }) { aggregate { count } }
    b11o: flow_run_aggregate(where: { _and: [$b11, $other] }) { aggregate { count } }
    b12s: flow_run_aggregate(where: { _and: [$b12, $succeeded] }) @include(if: $more12) { aggregate { count } }
    b12f: flow_run_aggregate(where: { _and: [$b12, $failed] }) @include(if: $more12) { aggregate { count } }
    b12c: flow_run_aggregate(where: { _and: [$b12, $cancelled] }) @include(if: $more12) { aggregate { count } }
    b12o: flow_run_aggregate(where: { _and: [$b12, $other] }) @include(if: $more12) { aggregate { count } }
    b13s: flow_run_aggregate(where: { _and: [$b13, $succeeded] }) @include(if: $more12) { aggregate { count } }
    b13f: flow_run_aggregate(where: { _and: [$b13, $failed] }) @include(if: $more12) { aggregate { count } }
    b13c: flow_run_aggregate(where: { _and: [$b13, $cancelled] }) @include(if: $more12) { aggregate { count } }
    b13o: flow_run_aggregate(where: { _and: [$b13, $other] }) @include(if: $more12) { aggregate { count } }
    b14s: flow_run_aggregate(where: { _and: [$b14, $succeeded] }) @include(if: $more12) { aggregate { count } }
    b14f: flow_run_aggregate(where: { _and: [$b14, $failed] }) @include(if: $more12) { aggregate { count } }
    b14c: flow_run_aggregate(where: { _and: [$b14, $cancelled] }) @include(if: $more12) { aggregate { count } }
    b14o: flow_run_aggregate(where: { _and: [$b14, $other] }) @include(if: $more12) { aggregate { count } }
    b15s: flow_run_aggregate(where: { _and: [$b15, $succeeded] }) @include(if: $more12) { aggregate { count } }
    b15f: flow_run_aggregate(where: { _and: [$b15, $failed] }) @include(if: $more12) { aggregate { count } }
    b15c: flow_run_aggregate(where: { _and: [$b15, $cancelled] }) @include(if: $more12) { aggregate { count } }
    b15o: flow_run_aggregate(where: { _and: [$b15, $other] }) @include(if: $more12) { aggregate { count } }
    b16s: flow_run_aggregate(where: { _and: [$b16, $succeeded] }) @include(if: $more12) { aggregate { count } }
    b16f: flow_run_aggregate(where: { _and: [$b16, $failed] }) @include(if: $more12) { aggregate { count } }
    b16c: flow_run_aggregate(where: { _and: [$b16, $cancelled] }) @include(if: $more12) { aggregate { count } }
    b16o: flow_run_aggregate(where: { _and: [$b16, $other] }) @include(if: $more12) { aggregate { count } }
    b17s: flow_run_aggregate(where: { _and: [$b17, $succeeded] }) @include(if: $more12) { aggregate { count } }
    b17f: flow_run_aggregate(where: { _and: [$b17, $failed] }) @include(if: $more12) { aggregate { count } }
    b17c: flow_run_aggregate(where: { _and: [$b17, $cancelled] }) @include(if: $more12) { aggregate { count } }
    b17o: flow_run_aggregate(where: { _and: [$b17, $other] }) @include(if: $more12) { aggregate { count } }
    b18s: flow_run_aggregate(where: { _and: [$b18, $succeeded] }) @include(if: $more12) { aggregate { count } }
    b18f: flow_run_aggregate(where: { _and: [$b18, $failed] }) @include(if: $more12) { aggregate { count } }
    b18c: flow_run_aggregate(where: { _and: [$b18, $cancelled] }) @include(if: $more12) { aggregate { count } }
    b18o: flow_run_aggregate(where: { _and: [$b18, $other] }) @include(if: $more12) { aggregate { count } }
    b19s: flow_run_aggregate(where: { _and: [$b19, $succeeded] }) @include(if: $more12) { aggregate { count } }
    b19f: flow_run_aggregate(where: { _and: [$b19, $failed] }) @include(if: $more12) { aggregate { count } }
    b19c: flow_run_aggregate(where: { _and: [$b19, $cancelled] }) @include(if: $more12) { aggregate { count } }
    b19o: flow_run_aggregate(where: { _and: [$b19, $other] }) @include(if: $more12) { aggregate { count } }
    b20s: flow_run_aggregate(where: { _and: [$b20, $succeeded] }) @include(if: $more12) { aggregate { count } }
    b20f: flow_run_aggregate(where: { _and: [$b20, $failed] }) @include(if: $more12) { aggregate { count } }
    b20c: flow_run_aggregate(where: { _and: [$b20, $cancelled] }) @include(if: $more12) { aggregate { count } }
    b20o: flow_run_aggregate(where: { _and: [$b20, $other] }) @include(if: $more12) { aggregate { count } }
    b21s: flow_run_aggregate(where: { _and: [$b21, $succeeded] }) @include(if: $more12) { aggregate { count } }
    b21f: flow_run_aggregate(where: { _and: [$b21, $failed] }) @include(if: $more12) { aggregate { count } }
    b21c: flow_run_aggregate(where: { _and: [$b21, $cancelled] }) @include(if: $more12) { aggregate { count } }
    b21o: flow_run_aggregate(where: { _and: [$b21, $other] }) @include(if: $more12) { aggregate { count } }
    b22s: flow_run_aggregate(where: { _and: [$b22, $succeeded] }) @include(if: $more12) { aggregate { count } }
    b22f: flow_run_aggregate(where: { _and: [$b22, $failed] }) @include(if: $more12) { aggregate { count } }
    b22c: flow_run_aggregate(where: { _and: [$b22, $cancelled] }) @include(if: $more12) { aggregate { count } }
    b22o: flow_run_aggregate(where: { _and: [$b22, $other] }) @include(if: $more12) { aggregate { count } }
    b23s: flow_run_aggregate(where: { _and: [$b23, $succeeded] }) @include(if: $more12) { aggregate { count } }
    b23f: flow_run_aggregate(where: { _and: [$b23, $failed] }) @include(if: $more12) { aggregate { count } }
    b23c: flow_run_aggregate(where: { _and: [$b23, $cancelled] }) @include(if: $more12) { aggregate { count } }
    b23o: flow_run_aggregate(where: { _and: [$b23, $other] }) @include(if: $more12) { aggregate { count } }
    b24s: flow_run_aggregate(where: { _and: [$b24, $succeeded] }) @include(if: $more24) { aggregate { count } }
    b24f: flow_run_aggregate(where: { _and: [$b24, $failed] }) @include(if: $more24) { aggregate { count } }
    b24c: flow_run_aggregate(where: { _and: [$b24, $cancelled] }) @include(if: $more24) { aggregate { count } }
    b24o: flow_run_aggregate(where: { _and: [$b24, $other] }) @include(if: $more24) { aggregate { count } }
    b25s: flow_run_aggregate(where: { _and: [$b25, $succeeded] }) @include(if: $more24) { aggregate { count } }
    b25f: flow_run_aggregate(where: { _and: [$b25, $failed] }) @include(if: $more24) { aggregate { count } }
    b25c: flow_run_aggregate(where: { _and: [$b25, $cancelled] }) @include(if: $more24) { aggregate { count } }
    b25o: flow_run_aggregate(where: { _and: [$b25, $other] }) @include(if: $more24) { aggregate { count } }
    b26s: flow_run_aggregate(where: { _and: [$b26, $succeeded] }) @include(if: $more24) { aggregate { count } }
    b26f: flow_run_aggregate(where: { _and: [$b26, $failed] }) @include(if: $more24) { aggregate { count } }
    b26c: flow_run_aggregate(where: { _and: [$b26, $cancelled] }) @include(if: $more24) { aggregate { count } }
    b26o: flow_run_aggregate(where: { _and: [$b26, $other] }) @include(if: $more24) { aggregate { count } }
    b27s: flow_run_aggregate(where: { _and: [$b27, $succeeded] }) @include(if: $more24) { aggregate { count } }
    b27f: flow_run_aggregate(where: { _and: [$b27, $failed] }) @include(if: $more24) { aggregate { count } }
    b27c: flow_run_aggregate(where: { _and: [$b27, $cancelled] }) @include(if: $more24) { aggregate { count } }
    b27o: flow_run_aggregate(where: { _and: [$b27, $other] }) @include(if: $more24) { aggregate { count } }
  }
`);

/** One bucket's four counts: what the chart reads bucket by bucket when the whole chart is over the read budget. */
const BucketCounts = graphql(`
  query Dashboard_bucketCounts($b0: flow_run_bool_exp!, $succeeded: flow_run_bool_exp!, $failed: flow_run_bool_exp!, $cancelled: flow_run_bool_exp!, $other: flow_run_bool_exp!) {
    b0s: flow_run_aggregate(where: { _and: [$b0, $succeeded] }) { aggregate { count } }
    b0f: flow_run_aggregate(where: { _and: [$b0, $failed] }) { aggregate { count } }
    b0c: flow_run_aggregate(where: { _and: [$b0, $cancelled] }) { aggregate { count } }
    b0o: flow_run_aggregate(where: { _and: [$b0, $other] }) { aggregate { count } }
  }
`);

/** Runs of the project (all projects when null), optionally scheduled in [since, until). */
export function runsWhere(projectId: string | null, range?: { since: string; until: string }): Flow_Run_Bool_Exp {
  return {
    ...(projectId ? { flow: { project_id: { _eq: projectId } } } : {}),
    ...(range ? { scheduled_start_time: { _gte: range.since, _lt: range.until } } : {}),
  };
}

export const countOptions = (where: Flow_Run_Bool_Exp) => gqlQueryOptions(flowRunKeys.count({ where }), Count, { where });

/** Buckets the chart's one query has room for; a window's buckets must be 12, 24 or 28 (see `@include`). */
export const CHART_BUCKETS = 28;
const GROUPS = [12, 24, 28];

type ChartData = Dashboard_ChartCountsQuery;
export type OutcomeCounts = Record<Outcome, number>;

const KEYS: Record<Outcome, string> = { Succeeded: "s", Failed: "f", Cancelled: "c", Other: "o" };

const outcomeWhere = (o: Outcome): Flow_Run_Bool_Exp => ({ state: { _in: OUTCOME_STATES[o] } });
const OUTCOME_VARIABLES = { succeeded: outcomeWhere("Succeeded"), failed: outcomeWhere("Failed"), cancelled: outcomeWhere("Cancelled"), other: outcomeWhere("Other") };
const bucketWhere = (projectId: string | null, b: Bucket) => runsWhere(projectId, { since: b.from, until: b.to });

/** The chart query's variables: each bucket's runs (`b0`…) and each outcome's states. */
export function chartVariables(projectId: string | null, buckets: readonly Bucket[]): Dashboard_ChartCountsQueryVariables {
  if (!GROUPS.includes(buckets.length)) throw new Error(`The chart query takes 12, 24 or 28 buckets, not ${buckets.length}.`);
  // Slots past the window's buckets are left out by `@include`; their variable must still be given.
  const ranges = Object.fromEntries(Array.from({ length: CHART_BUCKETS }, (_, i) => [`b${i}`, buckets[i] ? bucketWhere(projectId, buckets[i]) : {}]));
  return { more12: buckets.length > 12, more24: buckets.length > 24, ...OUTCOME_VARIABLES, ...ranges } as Dashboard_ChartCountsQueryVariables;
}

/** The answer as counts per bucket, keyed by the bucket's start, so a shifted window can keep the buckets it shares. */
export function countsByBucket(buckets: readonly Bucket[], data: ChartData | Dashboard_BucketCountsQuery): Record<string, OutcomeCounts> {
  const answer = data as unknown as Record<string, { aggregate?: { count: number } | null } | undefined>;
  return Object.fromEntries(buckets.map((b, i) => [b.from, Object.fromEntries(OUTCOMES.map((o) => [o, answer[`b${i}${KEYS[o]}`]?.aggregate?.count ?? 0])) as OutcomeCounts]));
}

/** How the chart reads: the whole chart at once, or one bucket; `perBucket` once the whole was refused as too costly. */
export interface ChartReader {
  perBucket: boolean;
  all: (variables: Dashboard_ChartCountsQueryVariables) => Promise<ChartData>;
  one: (variables: Dashboard_BucketCountsQueryVariables) => Promise<Dashboard_BucketCountsQuery>;
}

const server: ChartReader = { perBucket: false, all: (v) => runQuery(ChartCounts, v), one: (v) => runQuery(BucketCounts, v) };

/** Buckets read at once when reading bucket by bucket: a few, leaving the browser's connections for the rest. */
const BUCKETS_IN_FLIGHT = 4;

/**
 * Every bucket's counts in one request. The read budget charges each count for a scan of the run
 * table, so with many runs (some tens of thousands) the whole chart is refused as QUERY_TOO_COSTLY;
 * then, for the rest of the page's life, it is read a bucket per request, as each fits the budget.
 */
export async function readChartCounts(projectId: string | null, buckets: readonly Bucket[], reader: ChartReader = server): Promise<Record<string, OutcomeCounts>> {
  if (!reader.perBucket) {
    try {
      return countsByBucket(buckets, await reader.all(chartVariables(projectId, buckets)));
    } catch (error) {
      if (errorCode(error) !== "QUERY_TOO_COSTLY") throw error;
      reader.perBucket = true;
    }
  }
  const answers = await mapLimited(buckets, BUCKETS_IN_FLIGHT, (b) => reader.one({ b0: bucketWhere(projectId, b), ...OUTCOME_VARIABLES }));
  return Object.assign({}, ...answers.map((answer, i) => countsByBucket([buckets[i]], answer)));
}

/**
 * The chart's counts per bucket, one request per refresh. While a new bucket (or window) loads, the
 * last answer for the same project stands in: buckets it shares keep their counts, a new one reads as empty.
 */
export function outcomeChartOptions(projectId: string | null, buckets: readonly Bucket[]) {
  const scope = { by: "outcome", projectId, buckets: buckets.map((b) => b.from) };
  const { queryKey, retry } = gqlQueryOptions(flowRunKeys.count(scope), ChartCounts, chartVariables(projectId, buckets));
  return queryOptions({
    queryKey,
    retry,
    queryFn: () => readChartCounts(projectId, buckets),
    placeholderData: (previous, query) => ((query?.queryKey[2] as typeof scope | undefined)?.projectId === projectId ? previous : undefined),
  });
}

/** Whether a cache key is one of the outcome-count queries (so they can be refreshed together). */
export const isOutcomeCountKey = (key: readonly unknown[]) => key[1] === "count" && (key[2] as { by?: string } | undefined)?.by === "outcome";
