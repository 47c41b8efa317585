import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { testDialects } from "../../db/testing.ts";
import { createTestApp, type TestApp } from "../../testing/harness.ts";
import { createFlow, createFlowRun, createProject, errorCode, setFlowRunState } from "./test-helpers.ts";

/** What a flow run leaves in each table: deleting it must leave nothing (the dashboard's bulk Delete relies on it). */
describe.each(testDialects())("delete_flow_run on %s", (kind) => {
  let app: TestApp;
  let flowId: string;
  beforeAll(async () => {
    app = await createTestApp(kind);
    const projectId = await createProject(app, "deletions");
    flowId = await createFlow(app, projectId, { name: "two", tasks: ["a-1", "b-1"], edges: [["a-1", "b-1"]] });
  });
  afterAll(() => app.close());

  const rowsOf = async (flowRunId: string) => {
    const db = app.deps.db;
    const taskRuns = await db.selectFrom("task_run").select("id").where("flow_run_id", "=", flowRunId).execute();
    const taskRunIds = taskRuns.map((t) => t.id);
    return {
      flowRun: (await db.selectFrom("flow_run").select("id").where("id", "=", flowRunId).execute()).length,
      flowRunStates: (await db.selectFrom("flow_run_state").select("id").where("flow_run_id", "=", flowRunId).execute()).length,
      taskRuns: taskRuns.length,
      taskRunStates: taskRunIds.length ? (await db.selectFrom("task_run_state").select("id").where("task_run_id", "in", taskRunIds).execute()).length : 0,
      logs: (await db.selectFrom("log").select("id").where("flow_run_id", "=", flowRunId).execute()).length,
    };
  };

  it("deletes the run with its task runs, both state histories and its logs, and leaves other runs alone", async () => {
    const doomed = await createFlowRun(app, { flow_id: flowId });
    const kept = await createFlowRun(app, { flow_id: flowId });
    for (const id of [doomed, kept]) {
      await setFlowRunState(app, id, { type: "Failed", message: "by hand" });
      await app.ok(`mutation($input: write_run_logs_input!) { write_run_logs(input: $input) { success } }`, {
        input: { logs: [{ flow_run_id: id, level: "INFO", message: "a line", timestamp: new Date().toISOString() }] },
      });
    }
    const before = await rowsOf(doomed);
    expect(before).toMatchObject({ flowRun: 1, taskRuns: 2, logs: 1 });
    expect(before.flowRunStates).toBeGreaterThanOrEqual(2);
    expect(before.taskRunStates).toBeGreaterThanOrEqual(2);

    const deleted = await app.ok(`mutation($id: UUID!) { delete_flow_run(input: { flow_run_id: $id }) { success } }`, { id: doomed });
    expect(deleted.delete_flow_run.success).toBe(true);
    expect(await rowsOf(doomed)).toEqual({ flowRun: 0, flowRunStates: 0, taskRuns: 0, taskRunStates: 0, logs: 0 });
    expect(await rowsOf(kept)).toMatchObject({ flowRun: 1, flowRunStates: before.flowRunStates, taskRuns: 2, taskRunStates: before.taskRunStates, logs: 1 });
  });

  it("answers false for a run already gone, and refuses a malformed id with a code", async () => {
    const id = await createFlowRun(app, { flow_id: flowId });
    await app.ok(`mutation($id: UUID!) { delete_flow_run(input: { flow_run_id: $id }) { success } }`, { id });
    const again = await app.ok(`mutation($id: UUID!) { delete_flow_run(input: { flow_run_id: $id }) { success } }`, { id });
    expect(again.delete_flow_run.success).toBe(false);
    expect(errorCode(await app.gql(`mutation { delete_flow_run(input: { flow_run_id: "nope" }) { success } }`))).toBe("BAD_USER_INPUT");
  });
});
