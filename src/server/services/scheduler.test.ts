import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createFlow, createProject } from "../graphql/mutations/test-helpers.ts";
import { encodeValue } from "../db/codec.ts";
import { testDialects } from "../db/testing.ts";
import { createTestApp, type TestApp } from "../testing/harness.ts";
import { RUNS_AHEAD, scheduleFlowRuns } from "./scheduler.ts";

const hourly = { type: "Schedule", clocks: [{ type: "IntervalClock", interval: 3600 * 1e6, start_date: { dt: "2026-01-01T00:00:00", tz: "UTC" }, parameter_defaults: { who: "clock" } }] };

describe.each(testDialects())("scheduler on %s", (kind) => {
  let app: TestApp;
  let projectId: string;
  beforeAll(async () => {
    app = await createTestApp(kind);
    projectId = await createProject(app);
  });
  afterAll(() => app.close());

  const runsOf = (flowId: string) =>
    app.deps.db.selectFrom("flow_run").selectAll().where("flow_id", "=", flowId).orderBy("scheduled_start_time").execute();

  it("creates the next runs of an active schedule once, and drops them when the schedule is switched off", async () => {
    const flowId = await createFlow(app, projectId, { name: "hourly", schedule: hourly, parameters: [{ name: "who", required: true }] });
    const paused = await createFlow(app, projectId, { name: "paused", schedule: hourly }, { set_schedule_active: false });
    const now = new Date("2026-11-27T10:07:30.000Z");

    const created = await scheduleFlowRuns(app.deps, now);
    expect(created).toHaveLength(RUNS_AHEAD);
    const runs = await runsOf(flowId);
    expect(runs).toHaveLength(RUNS_AHEAD);
    expect(new Date(runs[0].scheduled_start_time as never).toISOString()).toBe("2026-11-27T11:00:00.000Z");
    expect(runs.every((r) => r.state === "Scheduled" && !!r.auto_scheduled)).toBe(true);
    const params = runs[0].parameters;
    expect(typeof params === "string" ? JSON.parse(params) : params).toEqual({ who: "clock" });
    expect(await runsOf(paused)).toHaveLength(0);

    expect(await scheduleFlowRuns(app.deps, now)).toEqual([]);
    expect(await scheduleFlowRuns(app.deps, new Date("2026-11-27T11:30:00.000Z"))).toHaveLength(1);

    const off = await app.ok(`mutation($id: UUID!) { set_schedule_inactive(input: {flow_id: $id}) { success } }`, { id: flowId });
    expect(off.set_schedule_inactive.success).toBe(true);
    expect(await runsOf(flowId)).toHaveLength(0);
    expect(await scheduleFlowRuns(app.deps, now)).toEqual([]);
  });

  it("a new version replaces the old version's future runs", async () => {
    const v1 = await createFlow(app, projectId, { name: "versioned-schedule", schedule: hourly, parameters: [{ name: "who" }] });
    await scheduleFlowRuns(app.deps, new Date());
    expect((await runsOf(v1)).length).toBe(RUNS_AHEAD);
    const v2 = await createFlow(app, projectId, { name: "versioned-schedule", schedule: hourly, parameters: [{ name: "who" }] });
    expect(await runsOf(v1)).toHaveLength(0);
    await scheduleFlowRuns(app.deps, new Date());
    expect((await runsOf(v2)).length).toBe(RUNS_AHEAD);
  });

  it("takes away runs a pass added while the schedule was being switched off", async () => {
    const flowId = await createFlow(app, projectId, { name: "switched-off-mid-pass", schedule: hourly, parameters: [{ name: "who" }] });
    const now = new Date("2026-11-27T10:07:30.000Z");
    await scheduleFlowRuns(app.deps, now);
    // As if set_schedule_inactive committed between a pass's read of the flow and its inserts.
    await app.deps.db.updateTable("flow").set({ is_schedule_active: encodeValue("bool", false, app.deps.dialect) as never }).where("id", "=", flowId).execute();
    expect(await runsOf(flowId)).toHaveLength(RUNS_AHEAD);
    expect(await scheduleFlowRuns(app.deps, now)).toEqual([]);
    expect(await runsOf(flowId)).toHaveLength(0);
  });
});
