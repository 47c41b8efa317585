import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { parseSerializedEdges, parseSerializedFlow, parseSerializedTasks, SerializedFlowError } from "./serialized-flow.ts";

const capture = readFileSync(join(import.meta.dirname, "../server/testing/fixtures/prefect1-wire-capture.jsonl"), "utf8").split("\n");

describe("parseSerializedFlow", () => {
  it("accepts the Prefect 1.4.1 client's tasks and keeps unknown keys", () => {
    const tasks = parseSerializedTasks(JSON.parse(capture[7]).variables.input.serialized_tasks);
    expect(tasks).toHaveLength(1);
    expect(tasks[0]).toMatchObject({ slug: "say_hello-1", name: "say_hello", max_retries: 0, trigger: { fn: "prefect.triggers.all_successful" } });
    expect(tasks[0].cache_validator).toEqual({ fn: "prefect.engine.cache_validators.never_use", kwargs: {} });
  });

  it("accepts a whole flow with parameters, tasks, edges and a schedule", () => {
    const flow = parseSerializedFlow({
      type: "tern.Flow",
      __version__: "0.1.0",
      name: "etl",
      parameters: [{ name: "n", slug: "n", required: true, default: null }],
      reference_tasks: [{ slug: "load-1" }],
      schedule: { type: "Schedule", clocks: [] },
      run_config: { type: "UniversalRun", labels: ["x"] },
      storage: { type: "Local", path: "/tmp/etl.ts" },
      tasks: [{ slug: "extract-1", retry_delay: 10, timeout: 5 }, { slug: "load-1" }],
      edges: [{ upstream_task: { slug: "extract-1" }, downstream_task: { slug: "load-1" }, key: "rows" }],
      extra: { kept: true },
    });
    expect(flow.name).toBe("etl");
    expect(flow.extra).toEqual({ kept: true });
    expect(flow.edges?.[0].key).toBe("rows");
  });

  it("names every wrong key", () => {
    const attempt = () => parseSerializedFlow({ name: "", tasks: [{ name: "no slug" }], edges: [{ upstream_task: {} }] });
    expect(attempt).toThrow(SerializedFlowError);
    expect(attempt).toThrow(/name/);
    expect(attempt).toThrow(/tasks\.0\.slug/);
    expect(attempt).toThrow(/edges\.0/);
    expect(() => parseSerializedFlow("flow")).toThrow(/\(root\)/);
    expect(() => parseSerializedFlow({ name: "x", tasks: [{ slug: "a" }, { slug: "a" }] })).toThrow(/duplicate task slug a/);
    expect(() => parseSerializedEdges([{ upstream_task: { slug: "a" } }])).toThrow(/downstream_task/);
  });
});
