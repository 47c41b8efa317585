import { useMutation } from "@tanstack/react-query";
import { useState } from "react";
import { graphql } from "../../../core/gql/gql.ts";
import { isFailed, isFinished, isStateName } from "../../../core/states.ts";
import { restartFromFailed } from "../../components/restart-run.ts";
import { SetStateDialog } from "../../components/set-state-dialog.tsx";
import { Button } from "../../components/ui/button.tsx";
import { errorCode, runMutation } from "../../lib/gql-query.ts";

const Cancel = graphql(`
  mutation FlowRunActions_cancel($input: cancel_flow_run_input!) {
    cancel_flow_run(input: $input) {
      state
    }
  }
`);

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
      <SetStateDialog open={setStateOpen} onClose={() => setSetStateOpen(false)} target={{ kind: "flow_run", id: runId, state, version }} />
    </div>
  );
}
