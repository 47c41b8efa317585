import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { createFlow, createFlowRun, createProject, setFlowRunState, setTaskRunState } from "../graphql/mutations/test-helpers.ts";
import { testDialects } from "../db/testing.ts";
import { createTestApp, type TestApp } from "../testing/harness.ts";
import {
  killZombies,
  MAX_START_RESCHEDULES,
  startBackgroundServices,
  startFailedMessage,
  startRescheduledMessage,
  ZOMBIE_CANCELLED_MESSAGE,
  ZOMBIE_MESSAGE,
} from "./background.ts";
import { serviceError } from "./errors.ts";

describe.each(testDialects())("zombie killer on %s", (kind) => {
  let app: TestApp;
  let flowId: string;
  beforeAll(async () => {
    app = await createTestApp(kind);
    // Generous for the direct calls, so a slow machine cannot make a live run look dead.
    app.deps.config.zombieTimeoutSeconds = 30;
    flowId = await createFlow(app, await createProject(app), { tasks: ["a-1", "b-1"] });
  });
  afterAll(() => app.close());

  const run = (id: string) => app.deps.db.selectFrom("flow_run").selectAll().where("id", "=", id).executeTakeFirstOrThrow();
  const age = (id: string, seconds: number) => {
    const past = new Date(Date.now() - seconds * 1000).toISOString();
    return app.deps.db.updateTable("flow_run").set({ heartbeat: past, state_timestamp: past }).where("id", "=", id).execute();
  };
  const runningRun = async () => {
    const id = await createFlowRun(app, { flow_id: flowId });
    await setFlowRunState(app, id, { type: "Running" }, 1);
    return id;
  };

  it("fails a silent Running run and its unfinished task runs, keeping finished ones", async () => {
    const silent = await runningRun();
    const [done] = await app.deps.db.selectFrom("task_run").select("id").where("flow_run_id", "=", silent).execute();
    await setTaskRunState(app, done.id, { type: "Running" });
    await setTaskRunState(app, done.id, { type: "Success" });
    const alive = await runningRun();
    const scheduled = await createFlowRun(app, { flow_id: flowId });
    await age(silent, 60);
    await age(scheduled, 60);
    await app.ok(`mutation($id: UUID!) { update_flow_run_heartbeat(input: {flow_run_id: $id}) { success } }`, { id: alive });

    expect((await killZombies(app.deps)).failed).toEqual([silent]);
    const row = await run(silent);
    expect([row.state, row.state_message]).toEqual(["Failed", ZOMBIE_MESSAGE]);
    const taskStates = await app.deps.db.selectFrom("task_run").select(["id", "state"]).where("flow_run_id", "=", silent).execute();
    expect(Object.fromEntries(taskStates.map((t) => [t.id === done.id ? "done" : "other", t.state]))).toEqual({ done: "Success", other: "Failed" });
    expect((await run(alive)).state).toBe("Running");
    expect((await run(scheduled)).state).toBe("Scheduled");
    const history = await app.deps.db.selectFrom("flow_run_state").select("state").where("flow_run_id", "=", silent).orderBy("version").execute();
    expect(history.map((h) => h.state)).toEqual(["Scheduled", "Running", "Failed"]);
  });

  it("gives runs a whole window after the server started listening before judging them silent", async () => {
    const silent = await runningRun();
    await age(silent, 60);
    const restartedAt = new Date(Date.now() - 10_000); // up for 10 s of a 30 s window
    expect((await killZombies(app.deps, restartedAt)).failed).toEqual([]);
    expect((await run(silent)).state).toBe("Running");
    const upForAWindow = new Date(Date.now() - 31_000);
    expect((await killZombies(app.deps, upForAWindow)).failed).toEqual([silent]);
  });

  /** A run claimed by an agent `secondsAgo`, whose process has not heartbeated since. */
  const submittedRun = async (secondsAgo: number, id?: string) => {
    id ??= await createFlowRun(app, { flow_id: flowId });
    const version = (await run(id)).version;
    await setFlowRunState(app, id, { type: "Submitted" }, version);
    await app.deps.db.updateTable("flow_run").set({ state_timestamp: new Date(Date.now() - secondsAgo * 1000).toISOString() }).where("id", "=", id).execute();
    return id;
  };

  it("does not fail a Submitted run whose process has not started within the zombie window: starting late is not dying", async () => {
    const id = await submittedRun(60);
    expect(await killZombies(app.deps)).toEqual({ failed: [], rescheduled: [], neverStarted: [] });
    expect((await run(id)).state).toBe("Submitted");
  });

  it("reschedules a Submitted run whose process did not start within the start window, a bounded number of times, then fails it", async () => {
    app.deps.config.startTimeoutSeconds = 120;
    try {
      const id = await submittedRun(200);
      for (let attempt = 1; attempt <= MAX_START_RESCHEDULES; attempt++) {
        expect((await killZombies(app.deps)).rescheduled).toEqual([id]);
        const row = await run(id);
        expect([row.state, row.state_message, row.times_resurrected]).toEqual(["Scheduled", startRescheduledMessage(120, attempt), attempt]);
        expect(row.state_start_time).not.toBeNull(); // due at once, so an agent's queue finds it
        await submittedRun(200, id);
      }
      expect((await killZombies(app.deps)).neverStarted).toEqual([id]);
      const row = await run(id);
      expect([row.state, row.state_message]).toEqual(["Failed", startFailedMessage(120)]);
      const taskStates = await app.deps.db.selectFrom("task_run").select("state").where("flow_run_id", "=", id).execute();
      expect(taskStates.map((t) => t.state)).toEqual(["Failed", "Failed"]);
    } finally {
      app.deps.config.startTimeoutSeconds = 600;
    }
  });

  it("fails a Submitted run whose process heartbeated since the submission and then went silent (zombie window)", async () => {
    const id = await submittedRun(60);
    await app.deps.db.updateTable("flow_run").set({ heartbeat: new Date(Date.now() - 40_000).toISOString() }).where("id", "=", id).execute();
    expect((await killZombies(app.deps)).failed).toEqual([id]);
    expect([(await run(id)).state, (await run(id)).state_message]).toEqual(["Failed", ZOMBIE_MESSAGE]);
  });

  it("ends a silent Cancelling run Cancelled, not Failed", async () => {
    const id = await runningRun();
    await app.ok(`mutation($id: UUID!) { cancel_flow_run(input: {flow_run_id: $id}) { state } }`, { id });
    await age(id, 60);
    expect((await killZombies(app.deps)).failed).toEqual([id]);
    const row = await run(id);
    expect([row.state, row.state_message]).toEqual(["Cancelled", ZOMBIE_CANCELLED_MESSAGE]);
    const taskStates = await app.deps.db.selectFrom("task_run").select("state").where("flow_run_id", "=", id).execute();
    expect(taskStates.map((t) => t.state)).toEqual(["Cancelled", "Cancelled"]);
  });

  it("reschedules an unstarted run in the background with a 1-second start window", async () => {
    app.deps.config.startTimeoutSeconds = 1;
    const id = await submittedRun(0);
    const stop = startBackgroundServices(app.deps, "http://127.0.0.1:4200");
    try {
      await vi.waitFor(async () => expect((await run(id)).state).toBe("Scheduled"), { timeout: 10_000, interval: 100 });
    } finally {
      stop();
      app.deps.config.startTimeoutSeconds = 600;
    }
  });

  it("logs a run it cannot judge (naming the run) and goes on; a run that moved meanwhile is no error", async () => {
    const silent = await runningRun();
    await age(silent, 60);
    /** The deps with every transaction failing with `failure`. */
    const failingWith = (failure: Error) => {
      const db = new Proxy(app.deps.db, {
        get(target, key) {
          if (key === "transaction") return () => ({ execute: () => Promise.reject(failure) });
          const value = Reflect.get(target, key, target);
          return typeof value === "function" ? value.bind(target) : value;
        },
      });
      return { ...app.deps, db };
    };
    const logged = vi.spyOn(console, "error").mockImplementation(() => {});
    try {
      expect((await killZombies(failingWith(serviceError("VERSION_LOCKING_ERROR", "moved")))).failed).toEqual([]);
      expect(logged).not.toHaveBeenCalled();
      expect((await killZombies(failingWith(new Error("disk I/O error")))).failed).toEqual([]);
      expect(logged.mock.calls.some(([line]) => String(line).includes(silent))).toBe(true);
    } finally {
      logged.mockRestore();
    }
    expect((await run(silent)).state).toBe("Running");
    expect((await killZombies(app.deps)).failed).toEqual([silent]);
  });

  it("runs in the background with a 1-second timeout until stopped", async () => {
    app.deps.config.zombieTimeoutSeconds = 1;
    const id = await runningRun();
    const stop = startBackgroundServices(app.deps, "http://127.0.0.1:4200");
    try {
      await vi.waitFor(async () => expect((await run(id)).state).toBe("Failed"), { timeout: 10_000, interval: 100 });
    } finally {
      stop();
    }
  });
});
