import { useMutation } from "@tanstack/react-query";
import { useState } from "react";
import { graphql } from "../../../core/gql/gql.ts";
import { isFailed, isFinished, isStateName } from "../../../core/states.ts";
import { Button } from "../../components/ui/button.tsx";
import { errorCode, runMutation, runQuery } from "../../lib/gql-query.ts";
import { taskRunsToRestart } from "../../lib/restart.ts";
import { SetStateDialog } from "./set-state-dialog.tsx";

const Cancel = graphql(`
  mutation FlowRunActions_cancel($input: cancel_flow_run_input!) {
    cancel_flow_run(input: $input) {
      state
    }
  }
`);

const RestartData = graphql(`
  query FlowRunActions_restartData($id: uuid!) {
    flow_run_by_pk(id: $id) {
      id
      version
      task_runs {
        id
        task_id
        state
        version
      }
      flow {
        id
        edges {
          upstream_task_id
          downstream_task_id
        }
      }
    }
  }
`);

const SetTaskRunStates = graphql(`
  mutation FlowRunActions_setTaskRunStates($input: set_task_run_states_input!) {
    set_task_run_states(input: $input) {
      states {
        id
        status
      }
    }
  }
`);

const SetFlowRunStates = graphql(`
  mutation FlowRunActions_setFlowRunStates($input: set_flow_run_states_input!) {
    set_flow_run_states(input: $input) {
      states {
        id
        status
      }
    }
  }
`);

/** Restart from failed: failed task runs and their downstream go back to Pending, then the run to Scheduled. */
async function restartFromFailed(runId: string) {
  const data = await runQuery(RestartData, { id: runId });
  const run = data.flow_run_by_pk;
  if (!run) throw new Error("This flow run no longer exists.");
  const again = taskRunsToRestart(run.task_runs, run.flow?.edges ?? []);
  if (again.length) {
    await runMutation(SetTaskRunStates, {
      input: { states: again.map((t) => ({ task_run_id: t.id, version: t.version, state: { type: "Pending", message: "Restarted from failed." } })) },
    });
  }
  await runMutation(SetFlowRunStates, {
    input: { states: [{ flow_run_id: runId, version: run.version, state: { type: "Scheduled", message: "Restarted from failed.", start_time: new Date().toISOString() } }] },
  });
}

export function RunActions({ runId, state, version }: { runId: string; state: string | null | undefined; version: number }) {
  const known = isStateName(state) ? state : null;
  const cancel = useMutation({ mutationFn: () => runMutation(Cancel, { input: { flow_run_id: runId } }) });
  const restart = useMutation({ mutationFn: () => restartFromFailed(runId) });
  const [setStateOpen, setSetStateOpen] = useState(false);
  const failure = cancel.error ?? restart.error;
  return (
    <div className="flex flex-col items-end gap-2">
      <div className="flex gap-2">
        <Button disabled={!known || isFinished(known) || cancel.isPending} onClick={() => cancel.mutate()}>
          Cancel
        </Button>
        <Button disabled={!known || !isFailed(known) || restart.isPending} onClick={() => restart.mutate()}>
          {restart.isPending ? "Restarting…" : "Restart from failed"}
        </Button>
        <Button onClick={() => setSetStateOpen(true)}>Set state</Button>
      </div>
      {failure ? (
        <p role="alert" className="text-sm text-danger">
          {errorCode(failure) === "VERSION_LOCKING_ERROR" ? "The run changed meanwhile; try again." : failure.message}
        </p>
      ) : null}
      <SetStateDialog open={setStateOpen} onClose={() => setSetStateOpen(false)} runId={runId} state={state} version={version} />
    </div>
  );
}
