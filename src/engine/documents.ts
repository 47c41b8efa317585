import { graphql } from "./parsed-documents.ts";

/** The engine's operations, in the order a flow run uses them (Prefect's flow-run process, §1e). */

/** What the engine needs to know about its run; the agent's claim answers with it too (warm handoff). */
export const EngineRunFields = graphql(`
  fragment Engine_run on flow_run {
    id
    name
    version
    state
    parameters
    flow {
      id
      name
      storage
      tasks {
        id
        slug
      }
    }
    task_runs(where: { map_index: { _eq: -1 } }) {
      id
      version
      state
      task {
        id
        slug
      }
    }
  }
`);

export const FlowRunQuery = graphql(`
  query Engine_flowRun($id: uuid!) {
    flow_run_by_pk(id: $id) {
      ...Engine_run
    }
  }
`);

/**
 * A restarted run's succeeded task runs, mapped children (map_index ≥ 0) included, whose states
 * record where their results are.
 */
export const KeptTaskRunsQuery = graphql(`
  query Engine_keptTaskRuns($id: uuid!, $states: [String!]!) {
    task_run(where: { flow_run_id: { _eq: $id }, state: { _in: $states } }) {
      id
      map_index
      state
      serialized_state
      task {
        id
        slug
      }
    }
  }
`);

/** A mapped task's children, made in one call before the parent turns Mapped. */
export const MappedTaskRuns = graphql(`
  mutation Engine_mappedTaskRuns($input: get_or_create_mapped_task_runs_input!) {
    get_or_create_mapped_task_runs(input: $input) {
      task_runs {
        id
        map_index
        version
        state
      }
    }
  }
`);

export const FlowRunStateSubscription = graphql(`
  subscription Engine_flowRunStateLive($id: uuid!) {
    flow_run_by_pk(id: $id) {
      id
      state
    }
  }
`);

export const FlowRunStateQuery = graphql(`
  query Engine_flowRunState($id: uuid!) {
    flow_run_by_pk(id: $id) {
      id
      state
      version
    }
  }
`);

export const SetFlowRunStates = graphql(`
  mutation Engine_setFlowRunStates($input: set_flow_run_states_input!) {
    set_flow_run_states(input: $input) {
      states {
        id
        status
        message
      }
    }
  }
`);

export const SetTaskRunStates = graphql(`
  mutation Engine_setTaskRunStates($input: set_task_run_states_input!) {
    set_task_run_states(input: $input) {
      states {
        id
        status
        message
      }
    }
  }
`);

export const TaskRunInfo = graphql(`
  mutation Engine_taskRunInfo($input: get_or_create_task_run_info_input!) {
    get_or_create_task_run_info(input: $input) {
      id
      version
      state
    }
  }
`);

export const WriteRunLogs = graphql(`
  mutation Engine_writeRunLogs($input: write_run_logs_input!) {
    write_run_logs(input: $input) {
      success
    }
  }
`);

export const FlowRunHeartbeat = graphql(`
  mutation Engine_heartbeat($input: update_flow_run_heartbeat_input!) {
    update_flow_run_heartbeat(input: $input) {
      success
    }
  }
`);

/** Logs, flow-run states, task-run states: one transaction, one round trip (see run-writes.ts). */
export const WriteRunBatch = graphql(`
  mutation Engine_writeRunBatch($input: write_run_batch_input!) {
    write_run_batch(input: $input) {
      flow_run_states {
        id
      }
      task_run_states {
        id
      }
    }
  }
`);
