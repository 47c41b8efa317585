import { graphql } from "../../core/gql/gql.ts";
import type { Task_Run_Bool_Exp } from "../../core/gql/graphql.ts";
import { STATE_NAMES, type StateName } from "../../core/states.ts";
import { gqlQueryOptions } from "../lib/gql-query.ts";
import { taskRunKeys } from "../lib/keys.ts";

/**
 * How many task runs match `where`, in all and per state: one count per state (each an index lookup
 * on (flow_run_id, state)), so a run with 10,000 task runs is counted without fetching a row. The run
 * page's progress bar and summary, a mapped parent's row and a mapped parent's page count with it.
 */
const Counts = graphql(`
  query TaskRunCounts($where: task_run_bool_exp!) {
    total: task_run_aggregate(where: $where) { aggregate { count } }
    Pending: task_run_aggregate(where: { _and: [$where, { state: { _eq: "Pending" } }] }) { aggregate { count } }
    Scheduled: task_run_aggregate(where: { _and: [$where, { state: { _eq: "Scheduled" } }] }) { aggregate { count } }
    Paused: task_run_aggregate(where: { _and: [$where, { state: { _eq: "Paused" } }] }) { aggregate { count } }
    Resume: task_run_aggregate(where: { _and: [$where, { state: { _eq: "Resume" } }] }) { aggregate { count } }
    Retrying: task_run_aggregate(where: { _and: [$where, { state: { _eq: "Retrying" } }] }) { aggregate { count } }
    Submitted: task_run_aggregate(where: { _and: [$where, { state: { _eq: "Submitted" } }] }) { aggregate { count } }
    Queued: task_run_aggregate(where: { _and: [$where, { state: { _eq: "Queued" } }] }) { aggregate { count } }
    ClientFailed: task_run_aggregate(where: { _and: [$where, { state: { _eq: "ClientFailed" } }] }) { aggregate { count } }
    Running: task_run_aggregate(where: { _and: [$where, { state: { _eq: "Running" } }] }) { aggregate { count } }
    Cancelling: task_run_aggregate(where: { _and: [$where, { state: { _eq: "Cancelling" } }] }) { aggregate { count } }
    Finished: task_run_aggregate(where: { _and: [$where, { state: { _eq: "Finished" } }] }) { aggregate { count } }
    Success: task_run_aggregate(where: { _and: [$where, { state: { _eq: "Success" } }] }) { aggregate { count } }
    Cached: task_run_aggregate(where: { _and: [$where, { state: { _eq: "Cached" } }] }) { aggregate { count } }
    Mapped: task_run_aggregate(where: { _and: [$where, { state: { _eq: "Mapped" } }] }) { aggregate { count } }
    Skipped: task_run_aggregate(where: { _and: [$where, { state: { _eq: "Skipped" } }] }) { aggregate { count } }
    Failed: task_run_aggregate(where: { _and: [$where, { state: { _eq: "Failed" } }] }) { aggregate { count } }
    TimedOut: task_run_aggregate(where: { _and: [$where, { state: { _eq: "TimedOut" } }] }) { aggregate { count } }
    TriggerFailed: task_run_aggregate(where: { _and: [$where, { state: { _eq: "TriggerFailed" } }] }) { aggregate { count } }
    ValidationFailed: task_run_aggregate(where: { _and: [$where, { state: { _eq: "ValidationFailed" } }] }) { aggregate { count } }
    Looped: task_run_aggregate(where: { _and: [$where, { state: { _eq: "Looped" } }] }) { aggregate { count } }
    Cancelled: task_run_aggregate(where: { _and: [$where, { state: { _eq: "Cancelled" } }] }) { aggregate { count } }
  }
`);

export const taskRunCountsOptions = (where: Task_Run_Bool_Exp) => gqlQueryOptions(taskRunKeys.counts(where), Counts, { where });

/** The counts as numbers: `total` and one entry per state (zero where none). */
export interface StateCounts {
  total: number;
  byState: Record<StateName, number>;
}

type CountsData = Record<string, { aggregate?: { count: number } | null }>;

export function readStateCounts(data: CountsData): StateCounts {
  const byState = Object.fromEntries(STATE_NAMES.map((s) => [s, data[s]?.aggregate?.count ?? 0])) as Record<StateName, number>;
  return { total: data.total?.aggregate?.count ?? 0, byState };
}
