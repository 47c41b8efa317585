import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { testDialects } from "../../db/testing.ts";
import { createTestApp, type TestApp } from "../../testing/harness.ts";
import { createFlow, createFlowRun, createProject, errorCode, setFlowRunState, setTaskRunState } from "./test-helpers.ts";

const json = (v: unknown) => (typeof v === "string" ? JSON.parse(v) : v);

describe.each(testDialects())("run mutations on %s", (kind) => {
  let app: TestApp;
  let projectId: string;
  let flowId: string;
  beforeAll(async () => {
    app = await createTestApp(kind);
    projectId = await createProject(app, "runs");
    flowId = await createFlow(app, projectId, { name: "three", tasks: ["a-1", "b-1", "c-1"], edges: [["a-1", "b-1"]] });
  });
  afterAll(() => app.close());

  const run = (id: string) => app.deps.db.selectFrom("flow_run").selectAll().where("id", "=", id).executeTakeFirstOrThrow();
  const taskRuns = (id: string) => app.deps.db.selectFrom("task_run").selectAll().where("flow_run_id", "=", id).execute();
  const history = async (id: string) =>
    (await app.deps.db.selectFrom("flow_run_state").selectAll().where("flow_run_id", "=", id).orderBy("version").execute()).map((h) => [h.state, h.version]);
  const running = async (id: string) => {
    const r = await run(id);
    await setFlowRunState(app, id, { type: "Submitted", message: "Submitted for execution" }, r.version);
    const after = await setFlowRunState(app, id, { type: "Running", message: "Running flow." }, r.version + 1);
    expect(after.errors).toBeUndefined();
  };

  it("creates a Scheduled run (version 1) with a Pending task run per task and a name", async () => {
    const before = Date.now();
    const id = await createFlowRun(app, { flow_id: flowId });
    const row = await run(id);
    expect([row.state, row.version, row.state_message]).toEqual(["Scheduled", 1, "Flow run scheduled."]);
    expect(row.name).toMatch(/^[a-z]+-[a-z]+$/);
    expect(Date.parse(new Date(row.scheduled_start_time as never).toISOString())).toBeGreaterThanOrEqual(before - 1000);
    expect(json(row.serialized_state)).toMatchObject({ type: "Scheduled", message: "Flow run scheduled." });
    expect(json(row.labels)).toEqual(["vm"]);
    const trs = await taskRuns(id);
    expect(trs).toHaveLength(3);
    for (const tr of trs) {
      expect([tr.state, tr.version, tr.map_index, tr.state_message]).toEqual(["Pending", 0, -1, "Task run created"]);
      expect(json(tr.serialized_state)).toEqual({ type: "Pending", message: "Task run created" });
    }
    expect(await history(id)).toEqual([["Scheduled", 1]]);
  });

  it("uses the given name, start time, context and labels (sorted)", async () => {
    const at = "2030-01-02T03:04:05.000Z";
    const id = await createFlowRun(app, { flow_id: flowId, flow_run_name: "mine", scheduled_start_time: at, labels: ["z", "a"], context: { k: 1 } });
    const row = await run(id);
    expect(row.name).toBe("mine");
    expect(new Date(row.scheduled_start_time as never).toISOString()).toBe(at);
    expect(new Date(row.state_start_time as never).toISOString()).toBe(at);
    expect(json(row.labels)).toEqual(["a", "z"]);
    expect(json(row.context)).toEqual({ k: 1 });
  });

  it("takes labels from run_config, then the flow group, then the flow", async () => {
    const fromRunConfig = await createFlowRun(app, { flow_id: flowId, run_config: { type: "UniversalRun", labels: ["rc"] } });
    expect(json((await run(fromRunConfig)).labels)).toEqual(["rc"]);
    const groupId = (await app.deps.db.selectFrom("flow").select("flow_group_id").where("id", "=", flowId).executeTakeFirstOrThrow()).flow_group_id;
    await app.ok(`mutation($g: UUID!) { set_flow_group_labels(input: {flow_group_id: $g, labels: ["grp"]}) { success } }`, { g: groupId });
    expect(json((await run(await createFlowRun(app, { flow_id: flowId }))).labels)).toEqual(["grp"]);
    await app.ok(`mutation($g: UUID!) { set_flow_group_labels(input: {flow_group_id: $g, labels: null}) { success } }`, { g: groupId });
    expect(json((await run(await createFlowRun(app, { flow_id: flowId }))).labels)).toEqual(["vm"]);
  });

  it("merges parameter defaults with the run's and refuses a missing required parameter", async () => {
    const pFlow = await createFlow(app, projectId, {
      name: "params",
      parameters: [
        { name: "who", required: true },
        { name: "times", default: 2 },
        { name: "none", default: null },
      ],
    });
    const missing = await app.gql(`mutation($input: create_flow_run_input!) { create_flow_run(input: $input) { id } }`, { input: { flow_id: pFlow } });
    expect(errorCode(missing)).toBe("BAD_USER_INPUT");
    expect(missing.errors?.[0].message).toContain("who");
    expect(await app.deps.db.selectFrom("flow_run").select("id").where("flow_id", "=", pFlow).execute()).toHaveLength(0);
    const id = await createFlowRun(app, { flow_id: pFlow, parameters: { who: "you" } });
    expect(json((await run(id)).parameters)).toEqual({ who: "you", times: 2 });
  });

  it("an idempotency key returns the same run, also when two creates race", async () => {
    const a = await createFlowRun(app, { flow_id: flowId, idempotency_key: "same" });
    const b = await createFlowRun(app, { flow_id: flowId, idempotency_key: "same" });
    expect(b).toBe(a);
    const raced = await Promise.all([1, 2, 3].map(() => createFlowRun(app, { flow_id: flowId, idempotency_key: "race" })));
    expect(new Set(raced).size).toBe(1);
    expect(await app.deps.db.selectFrom("flow_run").select("id").where("idempotency_key", "=", "race").execute()).toHaveLength(1);
  });

  it("refuses runs of an archived flow, and finds the newest flow of a version group", async () => {
    const old = await createFlow(app, projectId, { name: "grouped" });
    const fresh = await createFlow(app, projectId, { name: "grouped" });
    const archived = await app.gql(`mutation($input: create_flow_run_input!) { create_flow_run(input: $input) { id } }`, { input: { flow_id: old } });
    expect(errorCode(archived)).toBe("FLOW_ARCHIVED");
    const vg = (await app.deps.db.selectFrom("flow").select("version_group_id").where("id", "=", fresh).executeTakeFirstOrThrow()).version_group_id;
    const id = await createFlowRun(app, { version_group_id: vg });
    expect((await run(id)).flow_id).toBe(fresh);
  });

  it("walks the client's states with version locks and keeps the history", async () => {
    const id = await createFlowRun(app, { flow_id: flowId });
    const agentId = (await app.ok(`mutation { register_agent(input: {type: "LocalAgent", name: "a", labels: ["vm"]}) { id } }`)).register_agent.id;
    const submitted = await setFlowRunState(app, id, { type: "Submitted", message: "Submitted for execution", state: { type: "Scheduled" } }, 1, { "X-PREFECT-AGENT-ID": agentId });
    expect(submitted.data?.set_flow_run_states.states).toEqual([{ id, status: "SUCCESS", message: null }]);
    expect((await run(id)).agent_id).toBe(agentId);

    // A header naming an agent this server never registered is ignored, not a failed claim.
    const elsewhere = await createFlowRun(app, { flow_id: flowId });
    const foreign = await setFlowRunState(app, elsewhere, { type: "Submitted" }, 1, { "X-PREFECT-AGENT-ID": "00000000-0000-4000-8000-000000000000" });
    expect(foreign.errors).toBeUndefined();
    expect((await run(elsewhere)).agent_id).toBeNull();

    const stale = await setFlowRunState(app, id, { type: "Running" }, 1);
    expect(errorCode(stale)).toBe("VERSION_LOCKING_ERROR");

    const again = await setFlowRunState(app, id, { type: "Submitted" });
    expect(errorCode(again)).toBe("ALREADY_SUBMITTED");

    expect((await setFlowRunState(app, id, { type: "Running", message: "Running flow." }, 2)).errors).toBeUndefined();
    const r = await run(id);
    expect([r.state, r.version]).toEqual(["Running", 3]);
    expect(r.start_time).not.toBeNull();
    expect(r.end_time).toBeNull();

    expect((await setFlowRunState(app, id, { type: "Success", message: "All reference tasks succeeded." }, null)).errors).toBeUndefined();
    const done = await run(id);
    expect([done.state, done.version, done.state_message]).toEqual(["Success", 4, "All reference tasks succeeded."]);
    expect(done.end_time).not.toBeNull();
    expect(await history(id)).toEqual([
      ["Scheduled", 1],
      ["Submitted", 2],
      ["Running", 3],
      ["Success", 4],
    ]);
    // The engine's own writes keep the strict transitions (a person's set_flow_run_states does not: manual-states.test.ts).
    const illegal = await app.gql(`mutation($input: write_run_batch_input!) { write_run_batch(input: $input) { flow_run_states { id } } }`, {
      input: { flow_run_states: [{ flow_run_id: id, state: { type: "Running" } }] },
    });
    expect(errorCode(illegal)).toBe("INVALID_TRANSITION");
  });

  it("rejects unknown state types and unknown runs, and a failing batch writes nothing", async () => {
    const id = await createFlowRun(app, { flow_id: flowId });
    expect(errorCode(await setFlowRunState(app, id, { type: "Exploded" }))).toBe("BAD_USER_INPUT");
    expect(errorCode(await setFlowRunState(app, id, "Running" as never))).toBe("BAD_USER_INPUT");
    expect(errorCode(await setFlowRunState(app, "00000000-0000-4000-8000-000000000000", { type: "Running" }))).toBe("NOT_FOUND");
    const other = await createFlowRun(app, { flow_id: flowId });
    const batch = await app.gql(`mutation($input: set_flow_run_states_input!) { set_flow_run_states(input: $input) { states { id } } }`, {
      input: { states: [{ flow_run_id: id, state: { type: "Submitted" } }, { flow_run_id: other, version: 7, state: { type: "Submitted" } }] },
    });
    expect(errorCode(batch)).toBe("VERSION_LOCKING_ERROR");
    expect((await run(id)).state).toBe("Scheduled");
    expect(await history(id)).toEqual([["Scheduled", 1]]);
  });

  it("write_run_batch: lines, flow Running and task Running in one call; a stale version stores none of them", async () => {
    const WRITE_RUN_BATCH = `mutation($input: write_run_batch_input!) { write_run_batch(input: $input) { flow_run_states { id status } task_run_states { id status } } }`;
    const logsOf = (id: string) => app.deps.db.selectFrom("log").select("message").where("flow_run_id", "=", id).execute();
    const id = await createFlowRun(app, { flow_id: flowId });
    await setFlowRunState(app, id, { type: "Submitted", message: "Submitted for execution" }, 1);
    const [task] = await taskRuns(id);
    const start = (version: number, key: string) => ({
      input: {
        logs: [{ flow_run_id: id, task_run_id: task.id, message: `line ${key}`, idempotency_key: key }],
        flow_run_states: [{ flow_run_id: id, version, state: { type: "Running", message: "Running flow." } }],
        // The task's Running is checked against the flow run's state written just before in the same call.
        task_run_states: [{ task_run_id: task.id, version: 0, state: { type: "Running", message: "Starting task run." } }],
      },
    });

    const stale = await app.gql(WRITE_RUN_BATCH, start(1, "stale"));
    expect(errorCode(stale)).toBe("VERSION_LOCKING_ERROR");
    expect([(await run(id)).state, (await taskRuns(id)).find((t) => t.id === task.id)?.state, await logsOf(id)]).toEqual(["Submitted", "Pending", []]);

    const stored = await app.gql(WRITE_RUN_BATCH, start(2, "fresh"));
    expect(stored.errors).toBeUndefined();
    expect(stored.data).toEqual({ write_run_batch: { flow_run_states: [{ id, status: "SUCCESS" }], task_run_states: [{ id: task.id, status: "SUCCESS" }] } });
    expect([(await run(id)).state, (await taskRuns(id)).find((t) => t.id === task.id)?.state, await logsOf(id)]).toEqual(["Running", "Running", [{ message: "line fresh" }]]);

    const tooBig = await app.gql(WRITE_RUN_BATCH, { input: { logs: [{ flow_run_id: id, message: "x".repeat(1_000_001) }], flow_run_states: [{ flow_run_id: id, state: { type: "Success" } }] } });
    expect(errorCode(tooBig)).toBe("LOG_MESSAGE_TOO_LARGE");
    expect((await run(id)).state).toBe("Running");

    // A run's last call may carry a task's Running with the flow's Success: the final flow state is
    // written after the task states, so the Running still finds the flow run Running.
    const others = (await taskRuns(id)).filter((t) => t.id !== task.id);
    const finished = await app.gql(WRITE_RUN_BATCH, {
      input: {
        logs: [],
        flow_run_states: [{ flow_run_id: id, state: { type: "Success", message: "All reference tasks succeeded." } }],
        task_run_states: [
          { task_run_id: task.id, state: { type: "Success" } },
          ...others.flatMap((t) => [
            { task_run_id: t.id, version: 0, state: { type: "Running" } },
            { task_run_id: t.id, state: { type: "Success" } },
          ]),
        ],
      },
    });
    expect(finished.errors).toBeUndefined();
    expect([(await run(id)).state, ...(await taskRuns(id)).map((t) => t.state)]).toEqual(["Success", ...(await taskRuns(id)).map(() => "Success")]);
  });

  it("lets exactly one of two concurrent claims with the same version win", async () => {
    for (let round = 0; round < 5; round++) {
      const id = await createFlowRun(app, { flow_id: flowId });
      const results = await Promise.all([1, 2].map(() => setFlowRunState(app, id, { type: "Running", message: "claim" }, 1)));
      const winners = results.filter((r) => !r.errors);
      expect(winners).toHaveLength(1);
      expect(errorCode(results.find((r) => r.errors)!)).toBe("VERSION_LOCKING_ERROR");
      expect(await history(id)).toEqual([
        ["Scheduled", 1],
        ["Running", 2],
      ]);
    }
  });

  it("task runs: Running only inside a Running flow run, version locked, via get_or_create_task_run_info", async () => {
    const id = await createFlowRun(app, { flow_id: flowId });
    const [tr] = await taskRuns(id);
    const info = await app.ok(
      `mutation($f: UUID!, $t: UUID!) { get_or_create_task_run_info(input: {flow_run_id: $f, task_id: $t, map_index: -1}) { id version state serialized_state } }`,
      { f: id, t: tr.task_id },
    );
    expect(info.get_or_create_task_run_info).toEqual({ id: tr.id, version: 0, state: "Pending", serialized_state: { type: "Pending", message: "Task run created" } });

    expect(errorCode(await setTaskRunState(app, tr.id, { type: "Running" }, 0))).toBe("FLOW_RUN_NOT_RUNNING");
    await running(id);
    expect((await setTaskRunState(app, tr.id, { type: "Running", message: "Starting task run." }, 0)).errors).toBeUndefined();
    expect(errorCode(await setTaskRunState(app, tr.id, { type: "Success" }, 0))).toBe("VERSION_LOCKING_ERROR");
    expect((await setTaskRunState(app, tr.id, { type: "Success", message: "Task run succeeded." }, null)).errors).toBeUndefined();
    const after = await app.deps.db.selectFrom("task_run").selectAll().where("id", "=", tr.id).executeTakeFirstOrThrow();
    expect([after.state, after.version]).toEqual(["Success", 2]);
    expect(after.start_time).not.toBeNull();
    expect(after.end_time).not.toBeNull();
    const states = await app.deps.db.selectFrom("task_run_state").select(["state", "version"]).where("task_run_id", "=", tr.id).orderBy("version").execute();
    expect(states.map((s) => [s.state, s.version])).toEqual([
      ["Pending", 0],
      ["Running", 1],
      ["Success", 2],
    ]);

    // A mapped child does not exist yet: it is created Pending, once.
    const q = `mutation($f: UUID!, $t: UUID!) { get_or_create_task_run(input: {flow_run_id: $f, task_id: $t, map_index: 3}) { id } }`;
    const child = (await app.ok(q, { f: id, t: tr.task_id })).get_or_create_task_run.id;
    expect((await app.ok(q, { f: id, t: tr.task_id })).get_or_create_task_run.id).toBe(child);
    const childStates = await app.deps.db.selectFrom("task_run_state").select(["state", "version"]).where("task_run_id", "=", child).execute();
    expect(childStates.map((s) => [s.state, s.version])).toEqual([["Pending", 0]]);
    expect(errorCode(await app.gql(q, { f: id, t: "00000000-0000-4000-8000-000000000000" }))).toBe("NOT_FOUND");
  });

  it("cancels: Running → Cancelling; Scheduled → Cancelled with its task runs; finished → no-op", async () => {
    const cancel = async (id: string) => (await app.ok(`mutation($id: UUID!) { cancel_flow_run(input: {flow_run_id: $id}) { state } }`, { id })).cancel_flow_run.state;
    const scheduled = await createFlowRun(app, { flow_id: flowId });
    expect(await cancel(scheduled)).toBe("Cancelled");
    expect((await taskRuns(scheduled)).map((t) => t.state)).toEqual(["Cancelled", "Cancelled", "Cancelled"]);
    expect(await cancel(scheduled)).toBe("Cancelled");
    expect(await history(scheduled)).toEqual([
      ["Scheduled", 1],
      ["Cancelled", 2],
    ]);

    const live = await createFlowRun(app, { flow_id: flowId });
    await running(live);
    expect(await cancel(live)).toBe("Cancelling");
    expect((await run(live)).state).toBe("Cancelling");
  });

  it("names, labels, heartbeats and deletion", async () => {
    const id = await createFlowRun(app, { flow_id: flowId });
    const [tr] = await taskRuns(id);
    await app.ok(`mutation($id: UUID!) { set_flow_run_name(input: {flow_run_id: $id, name: "renamed"}) { success } }`, { id });
    await app.ok(`mutation($id: UUID!) { set_task_run_name(input: {task_run_id: $id, name: "tr"}) { success } }`, { id: tr.id });
    await app.ok(`mutation($id: UUID!) { set_flow_run_labels(input: {flow_run_id: $id, labels: ["y", "x"]}) { success } }`, { id });
    const hb = await app.ok(`mutation { update_flow_run_heartbeat(input: { flow_run_id: "${id}" }) { success } }`);
    expect(hb.update_flow_run_heartbeat.success).toBe(true);
    await app.ok(`mutation($id: UUID!) { update_task_run_heartbeat(input: {task_run_id: $id}) { success } }`, { id: tr.id });
    const row = await run(id);
    expect([row.name, json(row.labels)]).toEqual(["renamed", ["x", "y"]]);
    expect(row.heartbeat).not.toBeNull();
    expect((await app.deps.db.selectFrom("task_run").select(["name", "heartbeat"]).where("id", "=", tr.id).executeTakeFirstOrThrow()).heartbeat).not.toBeNull();
    const deleted = await app.ok(`mutation($id: UUID!) { delete_flow_run(input: {flow_run_id: $id}) { success } }`, { id });
    expect(deleted.delete_flow_run.success).toBe(true);
    expect(await taskRuns(id)).toHaveLength(0);
    expect(errorCode(await app.gql(`mutation($id: UUID!) { update_flow_run_heartbeat(input: {flow_run_id: $id}) { success } }`, { id }))).toBe("NOT_FOUND");
  });
});
