import { graphql } from "../../core/gql/gql.ts";
import type { Task_Run_Bool_Exp } from "../../core/gql/graphql.ts";
import { STATE_NAMES, type StateName } from "../../core/states.ts";
import { gqlQueryOptions } from "../lib/gql-query.ts";
import { taskRunKeys } from "../lib/keys.ts";

/**
 * How many task runs match `where`, in all and per state: one count per state (each an index lookup
 * on (flow_run_id, state)), so a run with 10,000 task runs is counted without fetching a row. The run
 * page's progress bar and summary, a mapped parent's row and a mapped parent's page count with it.
 * (A live query has one root field, so the counts hang off the flow run.)
 */
const Counts = graphql(`
  query TaskRunCounts($runId: uuid!, $where: task_run_bool_exp!) {
    flow_run_by_pk(id: $runId) {
      id
      total: task_runs_aggregate(where: $where) { aggregate { count } }
      Pending: task_runs_aggregate(where: { _and: [$where, { state: { _eq: "Pending" } }] }) { aggregate { count } }
      Scheduled: task_runs_aggregate(where: { _and: [$where, { state: { _eq: "Scheduled" } }] }) { aggregate { count } }
      Paused: task_runs_aggregate(where: { _and: [$where, { state: { _eq: "Paused" } }] }) { aggregate { count } }
      Resume: task_runs_aggregate(where: { _and: [$where, { state: { _eq: "Resume" } }] }) { aggregate { count } }
      Retrying: task_runs_aggregate(where: { _and: [$where, { state: { _eq: "Retrying" } }] }) { aggregate { count } }
      Submitted: task_runs_aggregate(where: { _and: [$where, { state: { _eq: "Submitted" } }] }) { aggregate { count } }
      Queued: task_runs_aggregate(where: { _and: [$where, { state: { _eq: "Queued" } }] }) { aggregate { count } }
      ClientFailed: task_runs_aggregate(where: { _and: [$where, { state: { _eq: "ClientFailed" } }] }) { aggregate { count } }
      Running: task_runs_aggregate(where: { _and: [$where, { state: { _eq: "Running" } }] }) { aggregate { count } }
      Cancelling: task_runs_aggregate(where: { _and: [$where, { state: { _eq: "Cancelling" } }] }) { aggregate { count } }
      Finished: task_runs_aggregate(where: { _and: [$where, { state: { _eq: "Finished" } }] }) { aggregate { count } }
      Success: task_runs_aggregate(where: { _and: [$where, { state: { _eq: "Success" } }] }) { aggregate { count } }
      Cached: task_runs_aggregate(where: { _and: [$where, { state: { _eq: "Cached" } }] }) { aggregate { count } }
      Mapped: task_runs_aggregate(where: { _and: [$where, { state: { _eq: "Mapped" } }] }) { aggregate { count } }
      Skipped: task_runs_aggregate(where: { _and: [$where, { state: { _eq: "Skipped" } }] }) { aggregate { count } }
      Failed: task_runs_aggregate(where: { _and: [$where, { state: { _eq: "Failed" } }] }) { aggregate { count } }
      TimedOut: task_runs_aggregate(where: { _and: [$where, { state: { _eq: "TimedOut" } }] }) { aggregate { count } }
      TriggerFailed: task_runs_aggregate(where: { _and: [$where, { state: { _eq: "TriggerFailed" } }] }) { aggregate { count } }
      ValidationFailed: task_runs_aggregate(where: { _and: [$where, { state: { _eq: "ValidationFailed" } }] }) { aggregate { count } }
      Looped: task_runs_aggregate(where: { _and: [$where, { state: { _eq: "Looped" } }] }) { aggregate { count } }
      Cancelled: task_runs_aggregate(where: { _and: [$where, { state: { _eq: "Cancelled" } }] }) { aggregate { count } }
    }
  }
`);

/** Counts of the task runs of flow run `runId` that match `where` (`{}` for all of them). */
export const taskRunCountsOptions = (runId: string, where: Task_Run_Bool_Exp = {}) => gqlQueryOptions(taskRunKeys.counts(runId, where), Counts, { runId, where });

/** The counts as numbers: `total` and one entry per state (zero where none). */
export interface StateCounts {
  total: number;
  byState: Record<StateName, number>;
}

type CountsData = { flow_run_by_pk?: Record<string, unknown> | null };

export function readStateCounts(data: CountsData): StateCounts {
  const run = (data.flow_run_by_pk ?? {}) as Record<string, { aggregate?: { count: number } | null } | undefined>;
  const byState = Object.fromEntries(STATE_NAMES.map((s) => [s, run[s]?.aggregate?.count ?? 0])) as Record<StateName, number>;
  return { total: run.total?.aggregate?.count ?? 0, byState };
}
