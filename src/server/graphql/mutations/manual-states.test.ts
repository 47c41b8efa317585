import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { testDialects } from "../../db/testing.ts";
import { createTestApp, type TestApp } from "../../testing/harness.ts";
import { createFlow, createFlowRun, createProject, errorCode, setFlowRunState, setTaskRunState } from "./test-helpers.ts";

const WRITE_RUN_BATCH = `mutation($input: write_run_batch_input!) { write_run_batch(input: $input) { flow_run_states { id } task_run_states { id } } }`;
const CANCEL = `mutation($id: UUID!) { cancel_flow_run(input: {flow_run_id: $id}) { state } }`;

/** A person's or client's state changes (any transition) next to the engine's (strict), and the cancel cascade. */
describe.each(testDialects())("manual state changes and cancel on %s", (kind) => {
  let app: TestApp;
  let flowId: string;
  beforeAll(async () => {
    app = await createTestApp(kind);
    const projectId = await createProject(app, "manual");
    flowId = await createFlow(app, projectId, { name: "three", tasks: ["a-1", "b-1", "c-1"], edges: [["a-1", "b-1"]] });
  });
  afterAll(() => app.close());

  const run = (id: string) => app.deps.db.selectFrom("flow_run").select(["state", "version", "state_message"]).where("id", "=", id).executeTakeFirstOrThrow();
  const taskRuns = (id: string) => app.deps.db.selectFrom("task_run").select(["id", "state", "version"]).where("flow_run_id", "=", id).orderBy("id").execute();
  const taskStates = async (id: string) => (await taskRuns(id)).map((t) => t.state);
  const history = async (id: string) =>
    (await app.deps.db.selectFrom("flow_run_state").select(["state", "message"]).where("flow_run_id", "=", id).orderBy("version").execute()).map((h) => [h.state, h.message]);
  const taskHistory = async (taskRunId: string) =>
    (await app.deps.db.selectFrom("task_run_state").select("state").where("task_run_id", "=", taskRunId).orderBy("version").execute()).map((h) => h.state);
  const batch = (input: Record<string, unknown>) => app.gql(WRITE_RUN_BATCH, { input });

  /** A run as an engine leaves it mid-way: flow Running, its first task Running, the others Pending. */
  const midway = async () => {
    const id = await createFlowRun(app, { flow_id: flowId });
    expect((await setFlowRunState(app, id, { type: "Submitted" }, 1)).errors).toBeUndefined();
    const [first] = await taskRuns(id);
    const started = await batch({
      flow_run_states: [{ flow_run_id: id, version: 2, state: { type: "Running" } }],
      task_run_states: [{ task_run_id: first.id, version: 0, state: { type: "Running" } }],
    });
    expect(started.errors).toBeUndefined();
    return { id, first: first.id };
  };

  /** A flow run that ran and failed, as the engine ends it. */
  const failedRun = async () => {
    const { id, first } = await midway();
    const others = (await taskRuns(id)).filter((t) => t.id !== first);
    const ended = await batch({
      flow_run_states: [{ flow_run_id: id, state: { type: "Failed", message: "Some reference tasks failed." } }],
      task_run_states: [{ task_run_id: first, state: { type: "Failed" } }, ...others.map((t) => ({ task_run_id: t.id, state: { type: "TriggerFailed" } }))],
    });
    expect(ended.errors).toBeUndefined();
    return id;
  };

  it("set_flow_run_states: a person sets a Failed run to Success, with a message kept in the history", async () => {
    const id = await failedRun();
    const { version } = await run(id);
    const set = await setFlowRunState(app, id, { type: "Success", message: "Checked by hand: the data is fine." }, version);
    expect(set.errors).toBeUndefined();
    expect(await run(id)).toEqual({ state: "Success", version: version + 1, state_message: "Checked by hand: the data is fine." });
    expect((await history(id)).at(-1)).toEqual(["Success", "Checked by hand: the data is fine."]);
    // Any state from any state, version or not; a stale version is still refused.
    expect((await setFlowRunState(app, id, { type: "Running" })).errors).toBeUndefined();
    expect((await setFlowRunState(app, id, { type: "Submitted" })).errors).toBeUndefined();
    expect(errorCode(await setFlowRunState(app, id, { type: "Failed" }, version))).toBe("VERSION_LOCKING_ERROR");
  });

  it("set_task_run_states: a finished task run can be set to any state", async () => {
    const id = await failedRun();
    const [task] = await taskRuns(id);
    expect((await setTaskRunState(app, task.id, { type: "Success", message: "by hand" }, task.version)).errors).toBeUndefined();
    expect((await setTaskRunState(app, task.id, { type: "Pending" })).errors).toBeUndefined();
    expect((await taskRuns(id)).find((t) => t.id === task.id)?.state).toBe("Pending");
  });

  it("write_run_batch (the engine) keeps the strict transitions", async () => {
    const id = await failedRun();
    expect(errorCode(await batch({ flow_run_states: [{ flow_run_id: id, state: { type: "Success" } }] }))).toBe("INVALID_TRANSITION");
    expect((await run(id)).state).toBe("Failed");
  });

  it("a client's Cancelled on a running flow run cancels every unfinished task run, and the engine's late task writes are refused", async () => {
    const { id, first } = await midway();
    const [, second, third] = await taskRuns(id);
    const done = [second, third].find((t) => t.id !== first)!;
    expect((await batch({ task_run_states: [{ task_run_id: done.id, version: 0, state: { type: "Running" } }, { task_run_id: done.id, state: { type: "Success" } }] })).errors).toBeUndefined();

    // What the Prefect 1 runner sends once it sees Cancelling, or a person through the dashboard.
    expect((await setFlowRunState(app, id, { type: "Cancelled", message: "Stopped by hand." })).errors).toBeUndefined();
    const states = Object.fromEntries((await taskRuns(id)).map((t) => [t.id, t.state]));
    expect(states[first]).toBe("Cancelled");
    expect(states[done.id]).toBe("Success");
    expect(Object.values(states).filter((s) => s === "Cancelled")).toHaveLength(2);

    // The engine's task states still in flight do not overwrite the cancelled ones.
    for (const state of [{ type: "Success" }, { type: "Retrying", start_time: new Date().toISOString() }, { type: "Running" }]) {
      expect(errorCode(await batch({ task_run_states: [{ task_run_id: first, state }] }))).toBe("FLOW_RUN_NOT_RUNNING");
    }
    expect(await taskHistory(first)).toEqual(["Pending", "Running", "Cancelled"]);
  });

  it("cancel_flow_run on a running run: Cancelling, then the engine's Cancelled cancels the task runs it never started", async () => {
    const { id, first } = await midway();
    expect((await app.ok(CANCEL, { id })).cancel_flow_run.state).toBe("Cancelling");
    expect((await taskStates(id)).sort()).toEqual(["Pending", "Pending", "Running"]);
    // The engine reports the task it was running, then the flow's Cancelled (as src/engine does).
    const ended = await batch({
      flow_run_states: [{ flow_run_id: id, state: { type: "Cancelled", message: "Flow run was cancelled." } }],
      task_run_states: [{ task_run_id: first, state: { type: "Cancelled", message: "Flow run was cancelled." } }],
    });
    expect(ended.errors).toBeUndefined();
    expect(await taskStates(id)).toEqual(["Cancelled", "Cancelled", "Cancelled"]);
    expect(await taskHistory(first)).toEqual(["Pending", "Running", "Cancelled"]);
    expect((await history(id)).map(([state]) => state)).toEqual(["Scheduled", "Submitted", "Running", "Cancelling", "Cancelled"]);
  });

  it("a Cancelled set on a scheduled run cancels its task runs too", async () => {
    const id = await createFlowRun(app, { flow_id: flowId });
    expect((await setFlowRunState(app, id, { type: "Cancelled" })).errors).toBeUndefined();
    expect(await taskStates(id)).toEqual(["Cancelled", "Cancelled", "Cancelled"]);
  });
});
