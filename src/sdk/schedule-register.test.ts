import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { startTestStack, type TestStack } from "../testing/stack.ts";
import { testDialects } from "../server/db/testing.ts";
import { RUNS_AHEAD, scheduleFlowRuns } from "../server/services/scheduler.ts";
import { Flow } from "./flow.ts";
import { Parameter } from "./parameter.ts";
import { cron, interval } from "./schedules.ts";
import { task } from "./task.ts";

describe.each(testDialects())("a flow registered with a schedule (%s)", (dialect) => {
  let stack: TestStack;
  beforeAll(async () => {
    stack = await startTestStack({ dialect });
  });
  afterAll(async () => stack?.close());

  const greet = task((who: string) => `hello ${who}`, { name: "greet" });
  const register = async (flow: Flow) => {
    const spy = vi.spyOn(console, "log").mockImplementation(() => {});
    try {
      return (await flow.register({ projectName: "tutorial", api: stack.server.graphqlUrl, labels: ["box"] }))!;
    } finally {
      spy.mockRestore();
    }
  };
  const runsOf = (flowId: string) =>
    stack.server.deps.db.selectFrom("flow_run").select(["scheduled_start_time", "parameters", "state"]).where("flow_id", "=", flowId).orderBy("scheduled_start_time").execute();
  const parametersOf = (value: unknown) => (typeof value === "string" ? JSON.parse(value) : value);

  it("is active at once, and the scheduler keeps its next runs ahead with the flow's default parameters", async () => {
    const flow = new Flow("every-hour", () => void greet(Parameter("who", { default: "Cloud" })), { schedule: interval({ hours: 1 }) });
    const flowId = await register(flow);
    const row = await stack.server.deps.db.selectFrom("flow").select(["is_schedule_active"]).where("id", "=", flowId).executeTakeFirstOrThrow();
    expect(Boolean(row.is_schedule_active)).toBe(true);

    await scheduleFlowRuns(stack.server.deps, new Date("2026-11-27T10:07:30Z"));
    const runs = await runsOf(flowId);
    expect(runs).toHaveLength(RUNS_AHEAD);
    expect(new Date(runs[0].scheduled_start_time as never).toISOString()).toBe("2026-11-27T11:00:00.000Z");
    expect(runs.every((r) => r.state === "Scheduled" && parametersOf(r.parameters).who === "Cloud")).toBe(true);
  });

  it("a schedule's own parameters win over the flow's defaults", async () => {
    const schedule = cron("30 9 * * *", { timezone: "America/New_York", parameters: { who: "New York" } });
    const flowId = await register(new Flow("nine-thirty", () => void greet(Parameter("who", { default: "Cloud" })), { schedule }));
    await scheduleFlowRuns(stack.server.deps, new Date("2026-03-07T12:00:00Z"));
    const runs = (await runsOf(flowId)).slice(0, 2);
    expect(runs.map((r) => [new Date(r.scheduled_start_time as never).toISOString(), parametersOf(r.parameters).who])).toEqual([
      ["2026-03-07T14:30:00.000Z", "New York"],
      ["2026-03-08T13:30:00.000Z", "New York"],
    ]);
  });
});
