import { graphql } from "../../core/gql/gql.ts";
import { runQuery } from "../lib/gql-query.ts";
import { taskRunsToRestart } from "../lib/restart.ts";
import { setFlowRunStates, setTaskRunStates } from "./state-writes.ts";

const RestartData = graphql(`
  query RestartRun_data($id: uuid!) {
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

/**
 * Restart from failed: the failed task runs (or, with `fromTaskId`, that task's runs) and their
 * downstream go back to Pending, then the run to Scheduled, so an agent runs it again and the
 * engine reuses the kept results. The run page and the task-run page both restart through here.
 */
export async function restartFromFailed(runId: string, fromTaskId?: string) {
  const data = await runQuery(RestartData, { id: runId });
  const run = data.flow_run_by_pk;
  if (!run) throw new Error("This flow run no longer exists.");
  const again = taskRunsToRestart(run.task_runs, run.flow?.edges ?? [], fromTaskId ? [fromTaskId] : undefined);
  if (again.length) {
    await setTaskRunStates(again.map((t) => ({ task_run_id: t.id, version: t.version, state: { type: "Pending", message: "Restarted from failed." } })));
  }
  await setFlowRunStates([{ flow_run_id: runId, version: run.version, state: { type: "Scheduled", message: "Restarted from failed.", start_time: new Date().toISOString() } }]);
}
