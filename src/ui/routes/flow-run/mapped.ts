import { graphql } from "../../../core/gql/gql.ts";
import type { FlowRun_MappedQuery } from "../../../core/gql/graphql.ts";
import { gqlQueryOptions } from "../../lib/gql-query.ts";
import { flowRunKeys } from "../../lib/keys.ts";
import { BUCKET_STATES, type ChildCounts, childCounts } from "../../lib/mapped-counts.ts";

/**
 * The run's mapped tasks (flagged mapped, or with children in this run) and their children as counts
 * per bucket plus the span they cover (first start, last end: one row each, which the read API finds
 * faster than a min/max aggregate, as that computes every column): 10,000 children cost the page a few
 * numbers. One live query serves the schematic and the timeline.
 */
const Mapped = graphql(`
  query FlowRun_mapped($id: uuid!, $success: [String!]!, $failed: [String!]!, $cancelled: [String!]!, $finished: [String!]!, $running: [String!]!) {
    flow_run_by_pk(id: $id) {
      id
      flow {
        id
        tasks(where: { _or: [{ mapped: { _eq: true } }, { task_runs: { flow_run_id: { _eq: $id }, map_index: { _gte: 0 } } }] }) {
          id
          all: task_runs_aggregate(where: { flow_run_id: { _eq: $id }, map_index: { _gte: 0 } }) {
            aggregate {
              count
            }
          }
          first: task_runs(where: { flow_run_id: { _eq: $id }, map_index: { _gte: 0 }, start_time: { _is_null: false } }, order_by: { start_time: asc }, limit: 1) {
            start_time
          }
          last: task_runs(where: { flow_run_id: { _eq: $id }, map_index: { _gte: 0 }, end_time: { _is_null: false } }, order_by: { end_time: desc }, limit: 1) {
            end_time
          }
          Success: task_runs_aggregate(where: { flow_run_id: { _eq: $id }, map_index: { _gte: 0 }, state: { _in: $success } }) {
            aggregate {
              count
            }
          }
          Failed: task_runs_aggregate(where: { flow_run_id: { _eq: $id }, map_index: { _gte: 0 }, state: { _in: $failed } }) {
            aggregate {
              count
            }
          }
          Cancelled: task_runs_aggregate(where: { flow_run_id: { _eq: $id }, map_index: { _gte: 0 }, state: { _in: $cancelled } }) {
            aggregate {
              count
            }
          }
          Finished: task_runs_aggregate(where: { flow_run_id: { _eq: $id }, map_index: { _gte: 0 }, state: { _in: $finished } }) {
            aggregate {
              count
            }
          }
          Running: task_runs_aggregate(where: { flow_run_id: { _eq: $id }, map_index: { _gte: 0 }, state: { _in: $running } }) {
            aggregate {
              count
            }
          }
        }
      }
    }
  }
`);

export const mappedOptions = (runId: string) =>
  gqlQueryOptions(flowRunKeys.mapped(runId), Mapped, {
    id: runId,
    success: BUCKET_STATES.Success,
    failed: BUCKET_STATES.Failed,
    cancelled: BUCKET_STATES.Cancelled,
    finished: BUCKET_STATES.Finished,
    running: BUCKET_STATES.Running,
  });

export interface MappedGroup {
  counts: ChildCounts;
  /** Earliest child start and latest child end (ms), when any child has started or ended. */
  firstStart: number | null;
  lastEnd: number | null;
}

/** The query's result as a group per task id. */
export function mappedGroups(data: FlowRun_MappedQuery | undefined): Map<string, MappedGroup> {
  const groups = new Map<string, MappedGroup>();
  for (const t of data?.flow_run_by_pk?.flow?.tasks ?? []) {
    const n = (a: { aggregate?: { count: number } | null }) => a.aggregate?.count ?? 0;
    const start = t.first[0]?.start_time;
    const end = t.last[0]?.end_time;
    groups.set(t.id, {
      counts: childCounts(n(t.all), { Success: n(t.Success), Failed: n(t.Failed), Cancelled: n(t.Cancelled), Finished: n(t.Finished), Running: n(t.Running) }),
      firstStart: start ? Date.parse(start) : null,
      lastEnd: end ? Date.parse(end) : null,
    });
  }
  return groups;
}
