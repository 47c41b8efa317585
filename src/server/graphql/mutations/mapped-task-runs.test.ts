import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { testDialects } from "../../db/testing.ts";
import { createTestApp, type TestApp } from "../../testing/harness.ts";
import { createFlow, createFlowRun, createProject, errorCode, serializedFlow, setFlowRunState } from "./test-helpers.ts";

const MAPPED = `mutation($input: get_or_create_mapped_task_runs_input!) {
  get_or_create_mapped_task_runs(input: $input) { task_runs { id map_index version state } }
}`;
const BATCH = `mutation($input: write_run_batch_input!) { write_run_batch(input: $input) { task_run_states { id } } }`;

describe.each(testDialects())("get_or_create_mapped_task_runs on %s", (kind) => {
  let app: TestApp;
  let flowId: string;
  beforeAll(async () => {
    app = await createTestApp(kind);
    flowId = await createFlow(app, await createProject(app, "mapped"), { name: "mapped", tasks: ["square-1"] });
  });
  afterAll(() => app.close());

  const parentOf = async (flowRunId: string) =>
    app.deps.db.selectFrom("task_run").select(["id", "task_id"]).where("flow_run_id", "=", flowRunId).where("map_index", "=", -1).executeTakeFirstOrThrow();

  it("makes children 0…count-1 Pending with a history row each, once: a second call finds them and adds only the new ones", async () => {
    const flowRunId = await createFlowRun(app, { flow_id: flowId });
    const { task_id } = await parentOf(flowRunId);
    const first = (await app.ok(MAPPED, { input: { flow_run_id: flowRunId, task_id, count: 3 } })).get_or_create_mapped_task_runs.task_runs;
    expect(first.map((c: { map_index: number; version: number; state: string }) => [c.map_index, c.version, c.state])).toEqual([
      [0, 0, "Pending"],
      [1, 0, "Pending"],
      [2, 0, "Pending"],
    ]);
    const again = (await app.ok(MAPPED, { input: { flow_run_id: flowRunId, task_id, count: 4 } })).get_or_create_mapped_task_runs.task_runs;
    expect(again.slice(0, 3).map((c: { id: string }) => c.id)).toEqual(first.map((c: { id: string }) => c.id));
    expect(again).toHaveLength(4);
    const rows = await app.deps.db.selectFrom("task_run").select("map_index").where("flow_run_id", "=", flowRunId).orderBy("map_index").execute();
    expect(rows.map((r) => r.map_index)).toEqual([-1, 0, 1, 2, 3]);
    const history = await app.deps.db.selectFrom("task_run_state").select("task_run_id").where("task_run_id", "in", again.map((c: { id: string }) => c.id)).execute();
    expect(history).toHaveLength(4);
  });

  it("marks a task fed by a mapped edge as mapped when the flow is registered", async () => {
    const flow = serializedFlow({ name: "mapped-edges", tasks: ["list-1", "each-1", "sum-1"], edges: [["list-1", "each-1"], ["each-1", "sum-1"]] });
    flow.edges[0].mapped = true;
    const projectId = await createProject(app, "mapped-edges");
    const id = (await app.ok(`mutation($input: create_flow_input!) { create_flow(input: $input) { id } }`, { input: { project_id: projectId, serialized_flow: flow } })).create_flow.id;
    const tasks = await app.deps.db.selectFrom("task").select(["slug", "mapped"]).where("flow_id", "=", id).orderBy("slug").execute();
    expect(tasks.map((t) => [t.slug, Boolean(t.mapped)])).toEqual([
      ["each-1", true],
      ["list-1", false],
      ["sum-1", false],
    ]);
  });

  it("refuses a bad count and a task of another flow with codes", async () => {
    const flowRunId = await createFlowRun(app, { flow_id: flowId });
    const { task_id } = await parentOf(flowRunId);
    expect(errorCode(await app.gql(MAPPED, { input: { flow_run_id: flowRunId, task_id, count: -1 } }))).toBe("BAD_USER_INPUT");
    expect(errorCode(await app.gql(MAPPED, { input: { flow_run_id: flowRunId, task_id, count: 100_001 } }))).toBe("BAD_USER_INPUT");
    expect(errorCode(await app.gql(MAPPED, { input: { flow_run_id: flowRunId, task_id: "00000000-0000-4000-8000-000000000000", count: 1 } }))).toBe("NOT_FOUND");
  });

  it("writes many children's states in one batch, in order per child, and a resent batch stores nothing twice", async () => {
    const flowRunId = await createFlowRun(app, { flow_id: flowId });
    const { task_id } = await parentOf(flowRunId);
    const children = (await app.ok(MAPPED, { input: { flow_run_id: flowRunId, task_id, count: 50 } })).get_or_create_mapped_task_runs.task_runs;
    await setFlowRunState(app, flowRunId, { type: "Running", message: "Running flow." });
    const states = children.flatMap((c: { id: string }, i: number) => [
      { task_run_id: c.id, version: 0, state: { type: "Running", message: "Starting task run." }, idempotency_key: `run-${flowRunId}-${i}` },
      { task_run_id: c.id, version: null, state: { type: "Success", message: "Task run succeeded." }, idempotency_key: `done-${flowRunId}-${i}` },
    ]);
    await app.ok(BATCH, { input: { task_run_states: states } });
    await app.ok(BATCH, { input: { task_run_states: states } });
    const rows = await app.deps.db.selectFrom("task_run").select(["state", "version"]).where("flow_run_id", "=", flowRunId).where("map_index", ">=", 0).execute();
    expect(rows.every((r) => r.state === "Success" && r.version === 2)).toBe(true);
    const history = await app.deps.db.selectFrom("task_run_state").select(["state", "timestamp"]).where("task_run_id", "=", children[7].id).orderBy("version").execute();
    expect(history.map((h) => h.state)).toEqual(["Pending", "Running", "Success"]);
    // The row holds both writes (stored together): the Running's start, the Success's end, message and JSON.
    const child = await app.ok(`query($id: uuid!) { task_run_by_pk(id: $id) { start_time end_time state_message serialized_state state_timestamp } }`, { id: children[7].id });
    const stamp = (value: unknown) => Date.parse(String(value));
    expect(child.task_run_by_pk).toMatchObject({ state_message: "Task run succeeded.", serialized_state: { type: "Success", message: "Task run succeeded." } });
    expect(stamp(child.task_run_by_pk.start_time)).toBe(stamp(history[1].timestamp));
    expect(stamp(child.task_run_by_pk.end_time)).toBe(stamp(history[2].timestamp));
    expect(stamp(child.task_run_by_pk.state_timestamp)).toBe(stamp(history[2].timestamp));

    // A stale version in the batch still fails it whole, as one write would.
    const stale = [{ task_run_id: children[0].id, version: 0, state: { type: "Running", message: "again" } }];
    expect(errorCode(await app.gql(BATCH, { input: { task_run_states: [...stale, ...stale] } }))).toBe("VERSION_LOCKING_ERROR");
  });
});
