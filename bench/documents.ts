/**
 * The GraphQL documents only the benches use. bench/ is outside the codegen's document globs, so
 * each is parsed here and given its type by hand (kept to the fields the benches read).
 */
import type { TypedDocumentNode } from "@graphql-typed-document-node/core";
import { parse } from "graphql";

function document<TData, TVars>(source: string) {
  return parse(source) as TypedDocumentNode<TData, TVars>;
}

export const CreateProject = document<{ create_project: { id: string } | null }, { name: string }>(
  "mutation Bench_createProject($name: String!) { create_project(input: { name: $name }) { id } }",
);

export const CreateRun = document<{ create_flow_run: { id: string } | null }, { flowId: string }>(
  "mutation Bench_createRun($flowId: UUID!) { create_flow_run(input: { flow_id: $flowId }) { id } }",
);

export const WatchState = document<{ flow_run_by_pk: { id: string; state: string | null } | null }, { id: string }>(
  "subscription Bench_runState($id: uuid!) { flow_run_by_pk(id: $id) { id state } }",
);

const FINISHED = `["Success", "Failed", "Cancelled", "TriggerFailed"]`;

/** How many of `ids` have finished, and how many of those did not succeed. */
export const FinishedCount = document<
  { done: { aggregate: { count: number } | null }; failed: { aggregate: { count: number } | null } },
  { ids: string[] }
>(`query Bench_finished($ids: [uuid!]!) {
  done: flow_run_aggregate(where: { id: { _in: $ids }, state: { _in: ${FINISHED} } }) { aggregate { count } }
  failed: flow_run_aggregate(where: { id: { _in: $ids }, state: { _in: ${FINISHED} }, _not: { state: { _eq: "Success" } } }) { aggregate { count } }
}`);

/** The moment the last of `ids` turned Success (server clock). */
export const LastSuccess = document<{ flow_run_state_aggregate: { aggregate: { max: { timestamp: string | null } | null } | null } }, { ids: string[] }>(
  `query Bench_lastSuccess($ids: [uuid!]!) {
    flow_run_state_aggregate(where: { flow_run_id: { _in: $ids }, state: { _eq: "Success" } }) { aggregate { max { timestamp } } }
  }`,
);

export interface StateRow {
  state: string;
  timestamp: string;
}

/** A run's whole history: its own states, and each task run's, with the server's timestamps. */
export const RunHistory = document<
  { flow_run_by_pk: { created: string; states: StateRow[]; task_runs: { states: StateRow[] }[] } | null },
  { id: string }
>(`query Bench_runHistory($id: uuid!) {
  flow_run_by_pk(id: $id) {
    created
    states(order_by: { timestamp: asc }) { state timestamp }
    task_runs { states(order_by: { timestamp: asc }) { state timestamp } }
  }
}`);

export const WriteLog = document<{ write_run_logs: { success: boolean } | null }, { runId: string; message: string }>(
  `mutation Bench_writeLog($runId: UUID!, $message: String!) {
    write_run_logs(input: { logs: [{ flow_run_id: $runId, name: "bench", level: INFO, message: $message }] }) { success }
  }`,
);

/** The newest lines of a run, live: what the run page's log tail subscribes to, in small. */
export const WatchLogs = document<{ log: { id: string; message: string | null }[] }, { runId: string }>(
  `subscription Bench_logs($runId: uuid!) {
    log(where: { flow_run_id: { _eq: $runId } }, order_by: { timestamp: desc }, limit: 5) { id message }
  }`,
);

// The calls an agent and an engine make for one run, for the API-only baseline of the throughput
// bench. Kept here rather than borrowed from src/agent and src/engine so the baseline stays the
// same when those change how they batch their calls.

export const RunForEngine = document<
  { flow_run_by_pk: { id: string; version: number; task_runs: { id: string; version: number }[] } | null },
  { id: string }
>(`query Bench_runForEngine($id: uuid!) {
  flow_run_by_pk(id: $id) {
    id version state parameters
    flow { id name storage tasks { id slug } }
    task_runs(where: { map_index: { _eq: -1 } }) { id version state task { id slug } }
  }
}`);

export interface StateInput {
  type: string;
  message: string;
}

export const SetRunState = document<unknown, { id: string; version: number | null; state: StateInput }>(
  `mutation Bench_setRunState($id: UUID!, $version: Int, $state: JSON!) {
    set_flow_run_states(input: { states: [{ flow_run_id: $id, version: $version, state: $state }] }) { states { id status message } }
  }`,
);

export const SetTaskState = document<unknown, { id: string; version: number | null; state: StateInput }>(
  `mutation Bench_setTaskState($id: UUID!, $version: Int, $state: JSON!) {
    set_task_run_states(input: { states: [{ task_run_id: $id, version: $version, state: $state }] }) { states { id status message } }
  }`,
);

/** A flow's newest runs and their states: the bench's push channel, open before any run is triggered. */
export const NewestRuns = document<{ flow_run: { id: string; state: string | null }[] }, { flowId: string }>(
  "subscription Bench_newestRuns($flowId: uuid!) { flow_run(where: { flow_id: { _eq: $flowId } }, order_by: { created: desc }, limit: 3) { id state } }",
);
