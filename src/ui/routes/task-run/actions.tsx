import { useMutation } from "@tanstack/react-query";
import { useState } from "react";
import { isFailed, isFinished, isStateName } from "../../../core/states.ts";
import { restartFromFailed } from "../../components/restart-run.ts";
import { SetStateDialog } from "../../components/set-state-dialog.tsx";
import { Button } from "../../components/ui/button.tsx";
import { errorCode } from "../../lib/gql-query.ts";

/**
 * A task run's actions: Restart (its flow run again from this failed task: it and its downstream run
 * again, upstream results are kept) and Set state (this task run's state, by hand).
 */
export function TaskRunActions({ taskRun }: { taskRun: { id: string; task_id: string; state: string | null; version: number; flow_run: { id: string; state: string | null } | null } }) {
  const [setStateOpen, setSetStateOpen] = useState(false);
  const flowRun = taskRun.flow_run;
  const restart = useMutation({ mutationFn: () => restartFromFailed(flowRun?.id ?? "", taskRun.task_id) });
  const taskFailed = isStateName(taskRun.state) && isFailed(taskRun.state);
  const runFinished = isStateName(flowRun?.state) && isFinished(flowRun.state);
  return (
    <div className="flex flex-col items-end gap-2">
      <div className="flex gap-2">
        <Button disabled={!flowRun || !taskFailed || !runFinished || restart.isPending} onClick={() => restart.mutate()}>
          {restart.isPending ? "Restarting…" : "Restart"}
        </Button>
        <Button onClick={() => setSetStateOpen(true)}>Set state</Button>
      </div>
      {restart.error ? (
        <p role="alert" className="text-sm text-danger">
          {errorCode(restart.error) === "VERSION_LOCKING_ERROR" ? "The run changed meanwhile; try again." : restart.error.message}
        </p>
      ) : null}
      <SetStateDialog open={setStateOpen} onClose={() => setSetStateOpen(false)} target={{ kind: "task_run", id: taskRun.id, state: taskRun.state, version: taskRun.version }} />
    </div>
  );
}
