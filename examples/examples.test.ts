import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { enterFlowRun } from "../src/sdk/shared-state.ts";

// Importing an example as the engine would (inside a flow run) defines its flow without registering it.
enterFlowRun("examples-test");
process.env.TERN_QUIET = "1";

describe("examples run locally", () => {
  it("hello-flow succeeds", async () => {
    const { flow } = await import("./hello-flow.ts");
    const result = await flow.run();
    expect(result.state).toBe("Success");
    expect(result.tasks["say_hello-1"].state).toBe("Success");
  });

  it("etl-flow retries extract, fans out and loads every row", async () => {
    const { flow } = await import("./etl-flow.ts");
    const result = await flow.run({ parameters: { count: 4 } });
    expect(result.state).toBe("Success");
    expect(result.tasks["extract-1"]).toMatchObject({ state: "Success", attempts: 2 });
    expect(Object.keys(result.tasks).filter((s) => s.startsWith("transform-"))).toHaveLength(3);
    expect(result.tasks["load-1"].result).toBe(100);
  });

  it("failing-flow fails, its downstream task ends TriggerFailed, cleanup still runs", async () => {
    const { flow } = await import("./failing-flow.ts");
    const result = await flow.run();
    expect(result.state).toBe("Failed");
    expect(result.tasks["fetch_data-1"]).toMatchObject({ state: "Failed", message: "Error during execution of task: the upstream service answered 503" });
    expect(result.tasks["report-1"].state).toBe("TriggerFailed");
    expect(result.tasks["cleanup-1"].state).toBe("Success");
  });
});

describe("cached-flow", () => {
  it("fetches the rates once: the second run reports the task Cached and converts with the kept rates", async () => {
    // flow.run() keeps cached results beside the result store of the environment: a fresh one here.
    const dir = mkdtempSync(join(tmpdir(), "tern-examples-cache-"));
    process.env.TERN_RESULTS_DIR = dir;
    try {
      const { flow } = await import("./cached-flow.ts");
      const first = await flow.run({ parameters: { amount: 10 } });
      expect(first.tasks["fetch_rates-1"].state).toBe("Success");
      const second = await flow.run({ parameters: { amount: 20 } });
      expect(second.tasks["fetch_rates-1"].state).toBe("Cached");
      expect(second.tasks["convert-1"]).toMatchObject({ state: "Success", result: { USD: 21.6, GBP: 17, JPY: 3224 } });
    } finally {
      delete process.env.TERN_RESULTS_DIR;
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe("mapped-flow", () => {
  it("maps process over every file, publishes element-wise and sums the children's results", async () => {
    const { flow } = await import("./mapped-flow.ts");
    const result = await flow.run({ parameters: { count: 5 } });
    expect(result.state).toBe("Success");
    expect(result.tasks["process-1"]).toMatchObject({ state: "Mapped", message: "Mapped 5 children." });
    expect(result.tasks["process-1"].children?.map((c) => c.state)).toEqual(Array(5).fill("Success"));
    const lines = result.tasks["publish-1"].children?.map((c) => c.result as number) ?? [];
    expect(lines).toHaveLength(5);
    expect(result.tasks["summarize-1"].result).toBe(lines.reduce((a, b) => a + b, 0));
    expect(flow.serialize().edges).toContainEqual(expect.objectContaining({ upstream_task: { slug: "list_files-1" }, downstream_task: { slug: "process-1" }, mapped: true }));
  });
});

describe("scheduled-flow", () => {
  it("runs locally with its default parameter and carries its schedules in Prefect 1's shape", async () => {
    const { flow, healthFlow } = await import("./scheduled-flow.ts");
    const result = await flow.run();
    expect(result.state).toBe("Success");
    expect(result.tasks["report-1"].result).toBe("Daily report for the team");
    expect(flow.serialize().schedule?.clocks).toEqual([
      expect.objectContaining({ type: "CronClock", cron: "30 9 * * 1-5", start_date: { dt: "2019-01-01T00:00:00", tz: "America/New_York" } }),
    ]);
    expect(healthFlow.serialize().schedule?.clocks).toEqual([
      expect.objectContaining({ type: "IntervalClock", interval: 15 * 60 * 1e6, parameter_defaults: { audience: "on-call" } }),
    ]);
  });
});
