import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { testDialects } from "../../db/testing.ts";
import { createTestApp, type TestApp } from "../../testing/harness.ts";
import { createFlow, createFlowRun, createProject, errorCode } from "./test-helpers.ts";

const WRITE = `mutation($input: write_run_logs_input!) { write_run_logs(input: $input) { success } }`;

describe.each(testDialects())("write_run_logs on %s", (kind) => {
  let app: TestApp;
  let flowRunId: string;
  let taskRunId: string;
  beforeAll(async () => {
    app = await createTestApp(kind);
    const flowId = await createFlow(app, await createProject(app));
    flowRunId = await createFlowRun(app, { flow_id: flowId });
    taskRunId = (await app.deps.db.selectFrom("task_run").select("id").where("flow_run_id", "=", flowRunId).executeTakeFirstOrThrow()).id;
  });
  afterAll(() => app.close());

  const count = async () => (await app.deps.db.selectFrom("log").select("id").execute()).length;

  it("stores a batch as sent, defaulting the level to INFO and the timestamp to now", async () => {
    const at = "2026-11-26T22:44:27.613719+00:00";
    const data = await app.ok(WRITE, {
      input: {
        logs: [
          { flow_run_id: flowRunId, name: "agent", message: "Submitted for execution: PID: 1", level: "INFO" },
          { flow_run_id: flowRunId, task_run_id: taskRunId, timestamp: at, name: "prefect.say_hello", level: "WARNING", message: "Hello", info: { k: 1 } },
          { flow_run_id: flowRunId, message: "no level" },
        ],
      },
    });
    expect(data.write_run_logs.success).toBe(true);
    const rows = await app.deps.db.selectFrom("log").selectAll().where("flow_run_id", "=", flowRunId).execute();
    const byMessage = Object.fromEntries(rows.map((r) => [r.message, r]));
    expect(byMessage.Hello.level).toBe("WARNING");
    expect(byMessage.Hello.task_run_id).toBe(taskRunId);
    expect(new Date(byMessage.Hello.timestamp as never).toISOString()).toBe("2026-11-26T22:44:27.613Z");
    expect(byMessage["no level"].level).toBe("INFO");
    expect(byMessage["no level"].timestamp).not.toBeNull();
    expect(byMessage.Hello.tenant_id).toBe(app.deps.tenantId);
  });

  it("inserts a large batch in one call", async () => {
    const before = await count();
    const logs = Array.from({ length: 1200 }, (_, i) => ({ flow_run_id: flowRunId, message: `line ${i}`, level: "DEBUG" }));
    await app.ok(WRITE, { input: { logs } });
    expect(await count()).toBe(before + 1200);
  });

  it("refuses over-limit batches, over-size messages, unknown levels and unknown runs, inserting nothing", async () => {
    const before = await count();
    const tooMany = Array.from({ length: 10_001 }, () => ({ flow_run_id: flowRunId, message: "x" }));
    expect(errorCode(await app.gql(WRITE, { input: { logs: tooMany } }))).toBe("TOO_MANY_LOGS");
    const big = [{ flow_run_id: flowRunId, message: "ok" }, { flow_run_id: flowRunId, message: "x".repeat(1_000_001) }];
    expect(errorCode(await app.gql(WRITE, { input: { logs: big } }))).toBe("LOG_MESSAGE_TOO_LARGE");
    expect((await app.gql(WRITE, { input: { logs: [{ flow_run_id: flowRunId, message: "x", level: "LOUD" }] } })).errors).toBeDefined();
    const unknownRun = [{ flow_run_id: flowRunId, message: "ok" }, { flow_run_id: "00000000-0000-4000-8000-000000000000", message: "ghost" }];
    expect(errorCode(await app.gql(WRITE, { input: { logs: unknownRun } }))).toBe("NOT_FOUND");
    const unknownTaskRun = [{ flow_run_id: flowRunId, task_run_id: "00000000-0000-4000-8000-000000000000", message: "ghost" }];
    expect(errorCode(await app.gql(WRITE, { input: { logs: unknownTaskRun } }))).toBe("NOT_FOUND");
    expect(await count()).toBe(before);
  });
});
