import { describe, expect, it } from "vitest";
import { context } from "./context.ts";
import { Flow } from "./flow.ts";
import type { GraphNode } from "./graph.ts";
import { unmapped } from "./mapping.ts";
import { Parameter } from "./parameter.ts";
import { runFlow, type RunnerState, type TaskOutcome, type TaskReporter } from "./runner.ts";
import { task } from "./task.ts";
import { triggers } from "./triggers.ts";

/** Records states per task run (`slug` or `slug[i]` for a child) and the log lines with their task run ids. */
function memoryReporter() {
  const states: { run: string; state: RunnerState }[] = [];
  const logs: { taskRunId?: string; message: string }[] = [];
  const reporter: TaskReporter = {
    async prepareTask(node: GraphNode) {
      return { taskRunId: `tr-${node.slug}` };
    },
    async prepareChildren(node, count) {
      return { taskRunIds: Array.from({ length: count }, (_, i) => `tr-${node.slug}[${i}]`) };
    },
    async setTaskState(node, state, _output, mapIndex) {
      states.push({ run: mapIndex === undefined ? node.slug : `${node.slug}[${mapIndex}]`, state });
    },
    log(record) {
      logs.push({ taskRunId: record.taskRunId, message: record.message });
    },
  };
  const history = (run: string) => states.filter((s) => s.run === run).map((s) => s.state.type);
  return { reporter, states, logs, history };
}

const run = (flow: Flow, parameters: Record<string, unknown> = {}, more: { keptChildren?: Map<GraphNode, Map<number, TaskOutcome>> } = {}) => {
  const mem = memoryReporter();
  return runFlow(flow, { parameters, reporter: mem.reporter, ...more }).then((result) => ({ result, ...mem }));
};

describe("task.map", () => {
  it("runs one child per item under a Mapped parent, element-wise through a second map, as a list into a plain task", async () => {
    const double = task((n: number) => {
      context.logger.info(`doubling ${n} as child ${context.mapIndex}`);
      return n * 2;
    }, { name: "double" });
    const addOne = task((n: number) => n + 1, { name: "add_one" });
    const total = task((ns: number[]) => ns.reduce((a, b) => a + b, 0), { name: "total" });
    const flow = new Flow("map-basic", () => {
      total(addOne.map(double.map(Parameter("numbers", { default: [1, 2, 3] }))));
    });
    const { result, history, logs } = await run(flow);
    expect(result.state).toBe("Success");
    expect(result.tasks["double-1"]).toMatchObject({ state: "Mapped", message: "Mapped 3 children.", result: [2, 4, 6] });
    expect(result.tasks["add_one-1"].result).toEqual([3, 5, 7]);
    expect(result.tasks["total-1"].result).toBe(15);
    expect(history("double-1")).toEqual(["Mapped"]);
    expect(history("double-1[2]")).toEqual(["Running", "Success"]);
    expect(history("add_one-1[0]")).toEqual(["Running", "Success"]);
    expect(logs).toContainEqual({ taskRunId: "tr-double-1[1]", message: "doubling 2 as child 1" });
  });

  it("serializes mapped tasks and the edges they map over as Prefect 1 does", () => {
    const double = task((n: number) => n * 2, { name: "double" });
    const scale = task((n: number, factor: number) => n * factor, { name: "scale" });
    const total = task((ns: number[]) => ns.length, { name: "total" });
    const flow = new Flow("map-serialized", () => {
      const factor = Parameter("factor", { default: 3 });
      total(scale.map(double.map(Parameter("numbers", { default: [1] })), unmapped(factor)));
    });
    const s = flow.serialize();
    expect(s.tasks.filter((t) => t.mapped).map((t) => t.slug)).toEqual(["double-1", "scale-1"]);
    expect(s.edges.map((e) => `${e.upstream_task.slug}->${e.downstream_task.slug}:${e.key}:${e.mapped}`)).toEqual([
      "numbers->double-1:n:true",
      "double-1->scale-1:n:true",
      "factor->scale-1:factor:false",
      "scale-1->total-1:ns:false",
    ]);
  });

  it("gives unmapped arguments whole to every child and stops at the shortest mapped list", async () => {
    const label = task((name: string, n: number, sep: string) => `${name}${sep}${n}`, { name: "label" });
    const flow = new Flow("map-unmapped", () => {
      label.map(["a", "b", "c"], [1, 2], unmapped(":"));
    });
    const { result } = await run(flow);
    expect(result.tasks["label-1"].result).toEqual(["a:1", "b:2"]);
    expect(flow.serialize().edges).toEqual([]);
  });

  it("maps to no children over an empty list, and succeeds", async () => {
    const count = task((ns: number[]) => ns.length, { name: "count" });
    const flow = new Flow("map-empty", () => count(task((n: number) => n, { name: "id" }).map([])));
    const { result } = await run(flow);
    expect(result.state).toBe("Success");
    expect(result.tasks["id-1"]).toMatchObject({ state: "Mapped", message: "Mapped 0 children.", children: [] });
    expect(result.tasks["count-1"].result).toBe(0);
  });

  it("retries each child on its own", async () => {
    const attempts = new Map<number, number>();
    const flaky = task((n: number) => {
      attempts.set(n, (attempts.get(n) ?? 0) + 1);
      if (n % 2 === 0 && context.runCount === 1) throw new Error(`item ${n} flaked`);
      return n;
    }, { name: "flaky", maxRetries: 1 });
    const flow = new Flow("map-retry", () => flaky.map([1, 2, 3, 4]));
    const { result, history } = await run(flow);
    expect(result.state).toBe("Success");
    expect([...attempts.entries()].sort()).toEqual([[1, 1], [2, 2], [3, 1], [4, 2]]);
    expect(history("flaky-1[1]")).toEqual(["Running", "Retrying", "Running", "Success"]);
    expect(history("flaky-1[0]")).toEqual(["Running", "Success"]);
  });

  it("fails the flow when a child fails: a plain downstream task's trigger sees every child", async () => {
    const check = task((n: number) => {
      if (n === 2) throw new Error("two is not allowed");
      return n;
    }, { name: "check" });
    const sum = task((ns: number[]) => ns.length, { name: "sum" });
    const report = task((ns: unknown[]) => ns.map((n) => (n instanceof Error ? "error" : n)), { name: "report", trigger: triggers.allFinished });
    const flow = new Flow("map-fail", () => {
      const checked = check.map([1, 2, 3]);
      sum(checked);
      report(checked);
    });
    const { result, logs } = await run(flow);
    expect(result.state).toBe("Failed");
    expect(result.tasks["check-1"].state).toBe("Mapped");
    expect(result.tasks["check-1"].children?.map((c) => c.state)).toEqual(["Success", "Failed", "Success"]);
    expect(result.tasks["sum-1"].state).toBe("TriggerFailed");
    expect(logs.find((l) => l.taskRunId === "tr-check-1[1]")?.message).toMatch(/^Task "check-1\[1\]" failed \(attempt 1\): Error: two is not allowed/);
    expect(result.tasks["report-1"].result).toEqual([1, "error", 3]);
  });

  it("fails the flow when a terminal mapped task has a failed child, and element-wise children see only their own upstream child", async () => {
    const check = task((n: number) => {
      if (n === 2) throw new Error("two is not allowed");
      return n;
    }, { name: "check" });
    const after = task((n: number) => n * 10, { name: "after" });
    const flow = new Flow("map-fail-elementwise", () => after.map(check.map([1, 2, 3])));
    const { result } = await run(flow);
    expect(result.state).toBe("Failed");
    expect(result.tasks["after-1"].children?.map((c) => c.state)).toEqual(["Success", "TriggerFailed", "Success"]);

    const terminal = new Flow("map-fail-terminal", () => check.map([1, 2]));
    expect((await run(terminal)).result.state).toBe("Failed");
  });

  it("fails the parent when an argument to map over is not a list, and TriggerFailed when its upstream failed", async () => {
    const each = task((x: unknown) => x, { name: "each" });
    const notList = new Flow("map-not-list", () => each.map(Parameter("items", { default: 5 })));
    const first = await run(notList);
    expect(first.result.tasks["each-1"]).toMatchObject({ state: "Failed", message: 'Cannot map over argument "x" of task "each-1": it is not a list (got number).' });

    const broken = task((): number[] => {
      throw new Error("no items today");
    }, { name: "broken" });
    const upstreamFailed = new Flow("map-upstream-failed", () => each.map(broken()));
    const second = await run(upstreamFailed);
    expect(second.result.tasks["each-1"].state).toBe("TriggerFailed");
    expect(second.history("each-1")).toEqual(["TriggerFailed"]);
  });

  it("keeps at most mapConcurrency children in flight", async () => {
    let inFlight = 0;
    let most = 0;
    const slow = task(async (n: number) => {
      inFlight++;
      most = Math.max(most, inFlight);
      await new Promise((resolve) => setImmediate(resolve));
      inFlight--;
      return n;
    }, { name: "slow", mapConcurrency: 3 });
    const flow = new Flow("map-concurrency", () => slow.map(Array.from({ length: 20 }, (_, i) => i)));
    const { result } = await run(flow);
    expect(result.tasks["slow-1"].result).toEqual(Array.from({ length: 20 }, (_, i) => i));
    expect(most).toBe(3);
  });

  it("times out each child on its own", async () => {
    const wait = task((ms: number) => new Promise((resolve) => setTimeout(() => resolve(ms), ms)), { name: "wait", timeout: 200 });
    const flow = new Flow("map-timeout", () => wait.map([1, 10_000]));
    const { result } = await run(flow);
    expect(result.tasks["wait-1"].children?.map((c) => c.state)).toEqual(["Success", "TimedOut"]);
  });

  it("runs only the children a restart does not keep", async () => {
    const ran: number[] = [];
    const square = task((n: number) => {
      ran.push(n);
      return n * n;
    }, { name: "square" });
    const total = task((ns: number[]) => ns.reduce((a, b) => a + b, 0), { name: "total" });
    let node: GraphNode | undefined;
    const flow = new Flow("map-restart", () => {
      const squares = square.map([1, 2, 3]);
      node = squares.node;
      total(squares);
    });
    const kept = new Map([[node!, new Map([[0, { state: "Success", message: "Kept.", result: 1, attempts: 0 } as TaskOutcome], [2, { state: "Success", message: "Kept.", result: 9, attempts: 0 } as TaskOutcome]])]]);
    const { result, history } = await run(flow, {}, { keptChildren: kept });
    expect(ran).toEqual([2]);
    expect(history("square-1[0]")).toEqual([]);
    expect(result.tasks["total-1"].result).toBe(14);
  });

  it("refuses a map with nothing to map over and a bad mapConcurrency", () => {
    const t = task((x: number) => x, { name: "t" });
    expect(() => new Flow("map-nothing", () => t.map(unmapped(1)))).toThrow(/at least one argument to map over/);
    expect(() => task((x: number) => x, { mapConcurrency: 0 })).toThrow(/mapConcurrency/);
  });
});
