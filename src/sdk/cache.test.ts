import { existsSync, mkdtempSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { cacheKeyOf, canonicalJson, TaskCache } from "./cache.ts";
import { context } from "./context.ts";
import { Flow } from "./flow.ts";
import type { GraphNode } from "./graph.ts";
import { Parameter } from "./parameter.ts";
import { runFlow, type RunnerState, type TaskReporter } from "./runner.ts";
import { task } from "./task.ts";

/** Records states (with the output handed along) and log lines, as the engine's reporter would see them. */
function memoryReporter() {
  const states: { slug: string; state: RunnerState; output?: { result: unknown } }[] = [];
  const logs: { slug?: string; level: string; message: string }[] = [];
  const reporter: TaskReporter = {
    async setTaskState(node: GraphNode, state, output) {
      states.push({ slug: node.slug, state, output });
    },
    log(record) {
      logs.push({ slug: record.taskSlug, level: record.level, message: record.message });
    },
  };
  const history = (slug: string) => states.filter((s) => s.slug === slug).map((s) => s.state.type);
  return { reporter, states, logs, history };
}

describe("task caching", () => {
  let dir: string;
  let now: number;
  let cache: TaskCache;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), "tern-cache-"));
    now = Date.parse("2026-12-07T10:00:00.000Z");
    cache = new TaskCache({ dir, maxBytes: 10_000 }, () => now);
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  /** A flow whose cached task counts its executions; `cacheOptions` go to that task. */
  function countingFlow(name: string, cacheOptions: { cacheFor: number; cacheKey?: (inputs: Record<string, unknown>) => string }) {
    const calls: unknown[] = [];
    const fetchRows = task((source: string, limit: number) => {
      calls.push([source, limit]);
      return { source, rows: Array.from({ length: limit }, (_, i) => i) };
    }, { name: "fetch_rows", ...cacheOptions });
    const count = task((data: { rows: number[] }) => data.rows.length, { name: "count" });
    const flow = new Flow(name, () => {
      count(fetchRows(Parameter("source", { default: "a" }), Parameter("limit", { default: 2 })));
    });
    const run = async (parameters: Record<string, unknown> = {}) => {
      const mem = memoryReporter();
      const result = await runFlow(flow, { parameters, reporter: mem.reporter, cache });
      return { result, mem };
    };
    return { flow, calls, run };
  }

  it("a miss runs the task and keeps its result; a second run within cacheFor reports Cached and feeds the kept result downstream", async () => {
    const { calls, run } = countingFlow("cache-hit", { cacheFor: 60_000 });
    const first = await run();
    expect(first.result.state).toBe("Success");
    expect(first.mem.history("fetch_rows-1")).toEqual(["Running", "Success"]);
    expect(readdirSync(join(dir, "cache"))).toHaveLength(1);

    now += 30_000;
    const second = await run();
    expect(second.result.state).toBe("Success");
    expect(calls).toHaveLength(1);
    expect(second.mem.history("fetch_rows-1")).toEqual(["Cached"]);
    const cached = second.mem.states.find((s) => s.slug === "fetch_rows-1")!;
    expect(cached.state.message).toBe("Using the cached result made at 2026-12-07T10:00:00.000Z, valid until 2026-12-07T10:01:00.000Z.");
    expect(cached.state.cached_result_expiration).toBe("2026-12-07T10:01:00.000Z");
    // The engine's reporter stores the handed result, so a restart from failed can load it too.
    expect(cached.output).toEqual({ result: { source: "a", rows: [0, 1] } });
    expect(second.result.tasks["count-1"]).toMatchObject({ state: "Success", result: 2 });
    expect(second.result.tasks["fetch_rows-1"]).toMatchObject({ state: "Cached", attempts: 0 });
  });

  it("an expired result is not used: the task runs again and its new result is kept from then", async () => {
    const { calls, run } = countingFlow("cache-expiry", { cacheFor: 60_000 });
    await run();
    now += 60_000;
    expect((await run()).mem.history("fetch_rows-1")).toEqual(["Running", "Success"]);
    expect(calls).toHaveLength(2);
    now += 59_999;
    expect((await run()).mem.history("fetch_rows-1")).toEqual(["Cached"]);
    expect(calls).toHaveLength(2);
  });

  it("other inputs miss: each set of inputs has its own cached result", async () => {
    const { calls, run } = countingFlow("cache-inputs", { cacheFor: 60_000 });
    await run({ limit: 2 });
    expect((await run({ limit: 3 })).result.tasks["count-1"].result).toBe(3);
    expect((await run({ limit: 2 })).mem.history("fetch_rows-1")).toEqual(["Cached"]);
    expect((await run({ limit: 3 })).mem.history("fetch_rows-1")).toEqual(["Cached"]);
    expect(calls).toEqual([["a", 2], ["a", 3]]);
  });

  it("cacheKey replaces the key: inputs that give the same key share one result", async () => {
    const { calls, run } = countingFlow("cache-key", { cacheFor: 60_000, cacheKey: (inputs) => `rows-of-${inputs.source}` });
    await run({ limit: 2 });
    const second = await run({ limit: 5 });
    expect(second.mem.history("fetch_rows-1")).toEqual(["Cached"]);
    expect(second.result.tasks["count-1"].result).toBe(2);
    expect((await run({ source: "b", limit: 5 })).mem.history("fetch_rows-1")).toEqual(["Running", "Success"]);
    expect(calls).toEqual([["a", 2], ["b", 5]]);
  });

  it("a task that fails is not cached: the next run runs it again", async () => {
    let attempts = 0;
    const flaky = task(() => {
      attempts++;
      if (attempts === 1) throw new Error("not yet");
      return "done";
    }, { name: "flaky", cacheFor: 60_000 });
    const flow = new Flow("cache-failure", () => {
      flaky();
    });
    const first = memoryReporter();
    expect((await runFlow(flow, { parameters: {}, reporter: first.reporter, cache })).state).toBe("Failed");
    expect(existsSync(join(dir, "cache"))).toBe(false);
    const second = memoryReporter();
    expect((await runFlow(flow, { parameters: {}, reporter: second.reporter, cache })).state).toBe("Success");
    expect(second.history("flaky-1")).toEqual(["Running", "Success"]);
    const third = memoryReporter();
    await runFlow(flow, { parameters: {}, reporter: third.reporter, cache });
    expect(third.history("flaky-1")).toEqual(["Cached"]);
    expect(attempts).toBe(2);
  });

  it("a result that is not plain JSON: the task succeeds, is not cached, and a WARNING says so", async () => {
    let calls = 0;
    const makeDate = task(() => {
      calls++;
      return new Date(0);
    }, { name: "make_date", cacheFor: 60_000 });
    const flow = new Flow("cache-unserialisable", () => {
      makeDate();
    });
    for (const _ of [1, 2]) {
      const mem = memoryReporter();
      expect((await runFlow(flow, { parameters: {}, reporter: mem.reporter, cache })).state).toBe("Success");
      expect(mem.history("make_date-1")).toEqual(["Running", "Success"]);
      expect(mem.logs).toEqual([
        { slug: "make_date-1", level: "WARNING", message: expect.stringMatching(/^The result of task "make_date-1" could not be cached: result is a Date/) },
      ]);
    }
    expect(calls).toBe(2);
  });

  it("ties the result to the parameters the task read through context, and to no others", async () => {
    let calls = 0;
    const greet = task(() => {
      calls++;
      return `Hello, ${context.parameters.who}!`;
    }, { name: "greet", cacheFor: 60_000 });
    const flow = new Flow("cache-parameters", () => {
      greet();
    });
    const run = async (parameters: Record<string, unknown>) => {
      const mem = memoryReporter();
      const result = await runFlow(flow, { parameters, reporter: mem.reporter, cache });
      return { history: mem.history("greet-1"), value: result.tasks["greet-1"].result };
    };
    expect(await run({ who: "Cloud", unused: 1 })).toEqual({ history: ["Running", "Success"], value: "Hello, Cloud!" });
    expect(await run({ who: "Cloud", unused: 2 })).toEqual({ history: ["Cached"], value: "Hello, Cloud!" });
    expect(await run({ who: "Sky", unused: 2 })).toEqual({ history: ["Running", "Success"], value: "Hello, Sky!" });
    expect(calls).toBe(2);
  });

  it("derives a stable key: equal inputs in any key order match; another flow, task or input does not", () => {
    const nodeOf = (flow: Flow, slug: string) => flow.nodes.find((n) => n.slug === slug)!;
    const shape = task((options: Record<string, unknown>) => options, { name: "shape", cacheFor: 1000 });
    const other = task((options: Record<string, unknown>) => options, { name: "other", cacheFor: 1000 });
    const flow = new Flow("cache-keys", () => {
      shape({});
      other({});
    });
    const first = nodeOf(flow, "shape-1");
    const key = cacheKeyOf("cache-keys", first, [{ a: 1, b: [1, { c: 2, d: 3 }] }]);
    expect(key).toMatch(/^[0-9a-f]{64}$/);
    expect(cacheKeyOf("cache-keys", first, [{ b: [1, { d: 3, c: 2 }], a: 1 }])).toBe(key);
    expect(cacheKeyOf("cache-keys", first, [{ a: 1, b: [1, { c: 2, d: 4 }] }])).not.toBe(key);
    expect(cacheKeyOf("another-flow", first, [{ a: 1, b: [1, { c: 2, d: 3 }] }])).not.toBe(key);
    expect(cacheKeyOf("cache-keys", nodeOf(flow, "other-1"), [{ a: 1, b: [1, { c: 2, d: 3 }] }])).not.toBe(key);
    expect(canonicalJson({ b: 1, a: { d: null, c: "x" } })).toBe('{"a":{"c":"x","d":null},"b":1}');
    // Registered as Prefect 1 serializes cache_for: seconds.
    expect(flow.serialize().tasks.find((t) => t.slug === "shape-1")?.cache_for).toBe(1);
  });

  it("an input that is not plain JSON gives no key: the task runs uncached and a WARNING says why", async () => {
    let calls = 0;
    const stamp = task((when: Date) => {
      calls++;
      return when.getTime();
    }, { name: "stamp", cacheFor: 60_000 });
    const flow = new Flow("cache-bad-input", () => {
      stamp(new Date(0));
    });
    const mem = memoryReporter();
    expect((await runFlow(flow, { parameters: {}, reporter: mem.reporter, cache })).tasks["stamp-1"]).toMatchObject({ state: "Success", result: 0 });
    expect(mem.logs.map((l) => l.level)).toEqual(["WARNING"]);
    expect(mem.logs[0].message).toContain('The result of task "stamp-1" could not be cached');
    expect(calls).toBe(1);
  });

  it("refuses a cacheFor that is not a positive number of ms, and a cacheKey without cacheFor", () => {
    expect(() => task(() => 1, { cacheFor: 0 })).toThrow(/cacheFor must be a number of ms > 0/);
    expect(() => task(() => 1, { cacheFor: Number.POSITIVE_INFINITY })).toThrow(/cacheFor/);
    expect(() => task(() => 1, { cacheKey: () => "k" })).toThrow(/cacheKey needs cacheFor/);
    expect(task(() => 1, { cacheFor: 5 }).with({ name: "renamed" }).definition.cache).toEqual({ cacheFor: 5, cacheKey: undefined });
  });
});
