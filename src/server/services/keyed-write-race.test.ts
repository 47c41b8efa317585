import { randomUUID } from "node:crypto";
import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { testDialects } from "../db/testing.ts";
import { createFlow, createFlowRun, createProject } from "../graphql/mutations/test-helpers.ts";
import { createTestApp, type TestApp } from "../testing/harness.ts";
import { writeRunBatch } from "./runs.ts";
import { writeRunState } from "./states.ts";

/**
 * A client whose connection broke while the server was still storing its write sends it again: the
 * retry arrives while the first delivery's transaction is open. The retry must wait for it and answer
 * with the stored write (same idempotency key), not fail the version check the first delivery just
 * moved on, which an engine would take for a lost claim.
 */
describe.each(testDialects())("a keyed state write delivered twice at once on %s", (kind) => {
  let app: TestApp;
  let flowId: string;
  beforeAll(async () => {
    app = await createTestApp(kind);
    flowId = await createFlow(app, await createProject(app));
  });
  afterAll(() => app.close());

  /** Sessions of this database waiting for a lock another one holds. */
  const blockedSessions = async () =>
    Number((await sql<{ n: string }>`select count(*) as n from pg_stat_activity where datname = current_database() and wait_event_type = 'Lock'`.execute(app.deps.db)).rows[0].n);

  it.each(["flow_run", "task_run"] as const)("%s: the second delivery answers with the first one's write, one history entry", async (runKind) => {
    const flowRunId = await createFlowRun(app, { flow_id: flowId });
    if (runKind === "task_run") await writeRunStateAlone("flow_run", flowRunId, { state: { type: "Running" } });
    const id =
      runKind === "flow_run" ? flowRunId : (await app.deps.db.selectFrom("task_run").select("id").where("flow_run_id", "=", flowRunId).executeTakeFirstOrThrow()).id;
    const { version } = await app.deps.db.selectFrom(runKind).select("version").where("id", "=", id).executeTakeFirstOrThrow();
    const write = { state: { type: "Running" }, version, idempotencyKey: randomUUID() };

    // The first delivery writes and keeps its transaction open until the retry is under way.
    let release = () => {};
    const held = new Promise<void>((r) => (release = r));
    let wrote = () => {};
    const written = new Promise<void>((r) => (wrote = r));
    const first = app.deps.db.transaction().execute(async (tx) => {
      const out = await writeRunState(tx, app.deps.dialect, runKind, id, write);
      wrote();
      await held;
      return out;
    });
    await written;
    const second = app.deps.db.transaction().execute((tx) => writeRunState(tx, app.deps.dialect, runKind, id, write));
    // PostgreSQL runs both at once: the retry reads the old version, then waits on the row the first
    // one updated. (SQLite runs one transaction at a time: the retry starts after the first commits.)
    if (kind === "postgres") await vi.waitFor(async () => expect(await blockedSessions()).toBe(1), { timeout: 5000 });
    release();

    const stored = { id, state: "Running", version: version + 1 };
    expect(await first).toEqual(stored);
    expect(await second).toEqual(stored);
    const history = await app.deps.db
      .selectFrom(runKind === "flow_run" ? "flow_run_state" : "task_run_state")
      .select("idempotency_key")
      .where(runKind === "flow_run" ? "flow_run_id" : "task_run_id", "=", id)
      .where("state", "=", "Running")
      .execute();
    expect(history).toEqual([{ idempotency_key: write.idempotencyKey }]);
  });

  it("a batch of task states (stored together) delivered again while the first is open answers with the first one's writes", async () => {
    const flowRunId = await createFlowRun(app, { flow_id: flowId });
    await writeRunStateAlone("flow_run", flowRunId, { state: { type: "Running" } });
    const { id, version } = await app.deps.db.selectFrom("task_run").select(["id", "version"]).where("flow_run_id", "=", flowRunId).executeTakeFirstOrThrow();
    const writes = [
      { id, state: { type: "Running" }, idempotencyKey: randomUUID() },
      { id, state: { type: "Success" }, idempotencyKey: randomUUID() },
    ];

    let release = () => {};
    const held = new Promise<void>((r) => (release = r));
    let wrote = () => {};
    const written = new Promise<void>((r) => (wrote = r));
    const first = app.deps.db.transaction().execute(async (tx) => {
      for (const write of writes) await writeRunState(tx, app.deps.dialect, "task_run", id, write);
      wrote();
      await held;
    });
    await written;
    // The retry read the old version; its statement for the whole set waits on the row, then finds it moved.
    const second = writeRunBatch(app.deps, { logs: [], flowRuns: [], taskRuns: writes });
    if (kind === "postgres") await vi.waitFor(async () => expect(await blockedSessions()).toBe(1), { timeout: 5000 });
    release();
    await first;

    expect((await second).taskRuns).toEqual(writes.map(() => ({ id, status: "SUCCESS", message: null })));
    const run = await app.deps.db.selectFrom("task_run").select(["state", "version"]).where("id", "=", id).executeTakeFirstOrThrow();
    expect(run).toEqual({ state: "Success", version: version + 2 });
    const history = await app.deps.db.selectFrom("task_run_state").select("idempotency_key").where("task_run_id", "=", id).where("idempotency_key", "is not", null).execute();
    expect(history.map((h) => h.idempotency_key).sort()).toEqual(writes.map((w) => w.idempotencyKey).sort());
  });

  const writeRunStateAlone = (runKind: "flow_run" | "task_run", id: string, write: Parameters<typeof writeRunState>[4]) =>
    app.deps.db.transaction().execute((tx) => writeRunState(tx, app.deps.dialect, runKind, id, write));
});
