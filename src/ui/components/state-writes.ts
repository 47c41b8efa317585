import { graphql } from "../../core/gql/gql.ts";
import type { Set_Flow_Run_State_Input, Set_Task_Run_State_Input } from "../../core/gql/graphql.ts";
import { runMutation } from "../lib/gql-query.ts";

const SetFlowRunStates = graphql(`
  mutation StateWrites_setFlowRunStates($input: set_flow_run_states_input!) {
    set_flow_run_states(input: $input) {
      states {
        id
        status
      }
    }
  }
`);

const SetTaskRunStates = graphql(`
  mutation StateWrites_setTaskRunStates($input: set_task_run_states_input!) {
    set_task_run_states(input: $input) {
      states {
        id
        status
      }
    }
  }
`);

/** The state writes a person makes from the dashboard (Set state, Restart): any state from any state, version-checked. */
export async function setFlowRunStates(states: Set_Flow_Run_State_Input[]): Promise<void> {
  await runMutation(SetFlowRunStates, { input: { states } });
}

export async function setTaskRunStates(states: Set_Task_Run_State_Input[]): Promise<void> {
  await runMutation(SetTaskRunStates, { input: { states } });
}
