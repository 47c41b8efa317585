import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { testDialects } from "../../db/testing.ts";
import { createTestApp, type TestApp } from "../../testing/harness.ts";
import { createFlow, createFlowRun, createProject, errorCode, SET_FLOW_RUN_STATES, SET_TASK_RUN_STATES } from "./test-helpers.ts";

/**
 * A client whose answer was lost re-sends the same write. With an idempotency key, the second
 * delivery is recognised: no duplicate log line, no version error for a state that already landed.
 */
const WRITE = `mutation($input: write_run_logs_input!) { write_run_logs(input: $input) { success } }`;

describe.each(testDialects())("idempotent writes on %s", (kind) => {
  let app: TestApp;
  let flowId: string;
  beforeAll(async () => {
    app = await createTestApp(kind);
    flowId = await createFlow(app, await createProject(app), { tasks: ["a-1"] });
  });
  afterAll(() => app.close());

  const newRun = async () => {
    const id = await createFlowRun(app, { flow_id: flowId });
    const taskRunId = (await app.deps.db.selectFrom("task_run").select("id").where("flow_run_id", "=", id).executeTakeFirstOrThrow()).id;
    return { id, taskRunId };
  };
  const messages = async (flowRunId: string) =>
    (await app.deps.db.selectFrom("log").select("message").where("flow_run_id", "=", flowRunId).orderBy("message").execute()).map((r) => r.message);
  const setFlow = (flowRunId: string, version: number | null, type: string, key?: string) =>
    app.gql(SET_FLOW_RUN_STATES, { input: { states: [{ flow_run_id: flowRunId, version, state: { type, message: type }, idempotency_key: key }] } });
  const flowHistory = async (flowRunId: string) =>
    (await app.deps.db.selectFrom("flow_run_state").select(["state", "version"]).where("flow_run_id", "=", flowRunId).orderBy("version").execute()).map((h) => `${h.state}@${h.version}`);

  it("a re-sent log batch stores each keyed line once, including overlapping and repeated keys", async () => {
    const { id } = await newRun();
    const line = (n: number) => ({ flow_run_id: id, message: `line ${n}`, idempotency_key: `k-${n}` });
    await app.ok(WRITE, { input: { logs: [line(1), line(2)] } });
    await app.ok(WRITE, { input: { logs: [line(1), line(2), line(3)] } });
    await app.ok(WRITE, { input: { logs: [line(4), line(4)] } });
    expect(await messages(id)).toEqual(["line 1", "line 2", "line 3", "line 4"]);
  });

  it("lines without a key are all stored, as before", async () => {
    const { id } = await newRun();
    const plain = { flow_run_id: id, message: "same" };
    await app.ok(WRITE, { input: { logs: [plain, plain] } });
    await app.ok(WRITE, { input: { logs: [plain] } });
    expect(await messages(id)).toEqual(["same", "same", "same"]);
  });

  it("the same key on another flow run is another line", async () => {
    const a = await newRun();
    const b = await newRun();
    await app.ok(WRITE, { input: { logs: [{ flow_run_id: a.id, message: "a", idempotency_key: "shared" }] } });
    await app.ok(WRITE, { input: { logs: [{ flow_run_id: b.id, message: "b", idempotency_key: "shared" }] } });
    expect([await messages(a.id), await messages(b.id)]).toEqual([["a"], ["b"]]);
  });

  it("refuses an empty or oversized key with BAD_USER_INPUT and stores nothing", async () => {
    const { id } = await newRun();
    for (const key of ["", "x".repeat(201)]) {
      const result = await app.gql(WRITE, { input: { logs: [{ flow_run_id: id, message: "ok", idempotency_key: "fine" }, { flow_run_id: id, message: "bad", idempotency_key: key }] } });
      expect(errorCode(result)).toBe("BAD_USER_INPUT");
    }
    expect(await messages(id)).toEqual([]);
  });

  it("a version-checked state write that already landed is recognised when re-sent with its key", async () => {
    const { id } = await newRun();
    expect((await setFlow(id, 1, "Submitted", "claim-1")).errors).toBeUndefined();
    expect((await setFlow(id, 2, "Running", "run-1")).errors).toBeUndefined();
    // The same Running write again (its answer was lost): success, nothing written twice.
    const again = await setFlow(id, 2, "Running", "run-1");
    expect(again.errors).toBeUndefined();
    expect(again.data.set_flow_run_states.states[0].status).toBe("SUCCESS");
    expect(await flowHistory(id)).toEqual(["Scheduled@1", "Submitted@2", "Running@3"]);
    const row = await app.deps.db.selectFrom("flow_run").select(["state", "version"]).where("id", "=", id).executeTakeFirstOrThrow();
    expect([row.state, row.version]).toEqual(["Running", 3]);
  });

  it("a stale version with a new key (or none) is still a VERSION_LOCKING_ERROR", async () => {
    const { id } = await newRun();
    await setFlow(id, 1, "Submitted", "claim-a");
    expect(errorCode(await setFlow(id, 1, "Submitted", "claim-b"))).toBe("VERSION_LOCKING_ERROR");
    expect(errorCode(await setFlow(id, 1, "Submitted"))).toBe("VERSION_LOCKING_ERROR");
    expect(await flowHistory(id)).toEqual(["Scheduled@1", "Submitted@2"]);
  });

  it("an unversioned keyed write is applied once even when sent twice", async () => {
    const { id, taskRunId } = await newRun();
    await setFlow(id, 1, "Submitted");
    await setFlow(id, 2, "Running");
    const setTask = (version: number | null, type: string, key: string) =>
      app.gql(SET_TASK_RUN_STATES, { input: { states: [{ task_run_id: taskRunId, version, state: { type, message: type }, idempotency_key: key }] } });
    expect((await setTask(0, "Running", "t-run")).errors).toBeUndefined();
    expect((await setTask(0, "Running", "t-run")).errors).toBeUndefined();
    expect((await setTask(null, "Success", "t-done")).errors).toBeUndefined();
    expect((await setTask(null, "Success", "t-done")).errors).toBeUndefined();
    const states = await app.deps.db.selectFrom("task_run_state").select(["state", "version"]).where("task_run_id", "=", taskRunId).orderBy("version").execute();
    expect(states.map((s) => `${s.state}@${s.version}`)).toEqual(["Pending@0", "Running@1", "Success@2"]);
  });
});
