import { graphql } from "../engine/parsed-documents.ts";
// Defines the Engine_run fragment that ClaimRuns spreads.
import "../engine/documents.ts";

/** The local agent's operations (Prefect's agent loop, §1d). */

export const TenantQuery = graphql(`
  query Agent_tenant {
    tenant {
      id
      slug
    }
  }
`);

export const RegisterAgent = graphql(`
  mutation Agent_register($input: register_agent_input!) {
    register_agent(input: $input) {
      id
      flow_run_heartbeat_seconds
    }
  }
`);

export const RunState = graphql(`
  query Agent_runState($id: uuid!) {
    flow_run_by_pk(id: $id) {
      id
      state
      version
    }
  }
`);

/** A person's or the agent's own state write with no version check (the agent uses it for Failed). */
export const SetFlowRunStates = graphql(`
  mutation Agent_setFlowRunStates($input: set_flow_run_states_input!) {
    set_flow_run_states(input: $input) {
      states {
        id
        status
        message
      }
    }
  }
`);

export const WriteLogs = graphql(`
  mutation Agent_writeRunLogs($input: write_run_logs_input!) {
    write_run_logs(input: $input) {
      success
    }
  }
`);

/** The newest scheduled run: it changes whenever a run is scheduled, which wakes the agent at once. */
export const NewestScheduledRun = graphql(`
  subscription Agent_newestScheduledRun {
    flow_run(where: { state: { _eq: "Scheduled" } }, order_by: { created: desc }, limit: 1) {
      id
    }
  }
`);

export const AgentHeartbeat = graphql(`
  mutation Agent_heartbeat($input: update_agent_heartbeat_input!) {
    update_agent_heartbeat(input: $input) {
      success
    }
  }
`);

export const RunningTaskRuns = graphql(`
  query Agent_runningTaskRuns($flowRunId: uuid!) {
    task_run(where: { flow_run_id: { _eq: $flowRunId }, state: { _eq: "Running" } }) {
      id
    }
  }
`);

export const SetTaskRunStates = graphql(`
  mutation Agent_setTaskRunStates($input: set_task_run_states_input!) {
    set_task_run_states(input: $input) {
      states {
        id
      }
    }
  }
`);

/** One request from "runs are due" to "these are yours": finds and claims (version-checked) up to `limit`. */
export const ClaimRuns = graphql(`
  mutation Agent_claimFlowRuns($input: claim_flow_runs_input!) {
    claim_flow_runs(input: $input) {
      flow_runs {
        id
        version
        flow_run {
          ...Engine_run
        }
      }
      lost
    }
  }
`);

/**
 * Runs this agent claimed since a moment: finds claims whose answer was lost with the connection.
 * A claim that also started its run left it Running (or, cancelled since, Cancelling): the engine
 * starts from the run as read here, as from a claim's answer.
 */
export const OwnSubmittedRuns = graphql(`
  query Agent_ownSubmittedRuns($agentId: uuid!, $since: timestamptz!) {
    flow_run(where: { agent_id: { _eq: $agentId }, state: { _in: ["Submitted", "Running", "Cancelling"] }, state_timestamp: { _gte: $since } }) {
      id
      ...Engine_run
    }
  }
`);

/**
 * The newest flows, live (a registration changes it): the warm pool imports the files of those this
 * agent would run before their first run arrives (see likely-flows.ts).
 */
export const NewestFlows = graphql(`
  subscription Agent_newestFlows {
    flow(where: { archived: { _eq: false } }, order_by: { created: desc }, limit: 20) {
      id
      name
      storage
      run_config
      environment
      flow_group {
        labels
        run_config
      }
    }
  }
`);
