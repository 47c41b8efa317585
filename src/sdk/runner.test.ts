import { describe, expect, it, vi } from "vitest";
import { context } from "./context.ts";
import { Flow } from "./flow.ts";
import type { GraphNode } from "./graph.ts";
import { Parameter } from "./parameter.ts";
import { task } from "./task.ts";
import { triggers } from "./triggers.ts";
import { runFlow, type RunnerState, type TaskReporter } from "./runner.ts";

/** Records every state and log line, as the server would. */
function memoryReporter() {
  const states: { slug: string; state: RunnerState }[] = [];
  const logs: { slug?: string; message: string; level: string; taskRunId?: string }[] = [];
  const reporter: TaskReporter = {
    async prepareTask(node: GraphNode) {
      return { taskRunId: `tr-${node.slug}` };
    },
    async setTaskState(node, state) {
      states.push({ slug: node.slug, state });
    },
    log(record) {
      logs.push({ slug: record.taskSlug, message: record.message, level: record.level, taskRunId: record.taskRunId });
    },
  };
  const history = (slug: string) => states.filter((s) => s.slug === slug).map((s) => s.state.type);
  return { reporter, states, logs, history };
}

describe("runFlow", () => {
  it("runs tasks in dependency order, passes results and ships context logs with the task run id", async () => {
    const mem = memoryReporter();
    const hello = task(() => {
      context.logger.info("Hello, Cloud!");
      return "Cloud";
    }, { name: "say_hello" });
    const shout = task((who: string, times: number) => `${who.toUpperCase()}${"!".repeat(times)}`, { name: "shout" });
    const flow = new Flow("runner-basic", () => shout(hello(), Parameter("times", { default: 1 })));
    const result = await runFlow(flow, { parameters: { times: 3 }, reporter: mem.reporter, flowRunId: "fr-1" });
    expect(result.state).toBe("Success");
    expect(result.message).toBe("All reference tasks succeeded.");
    expect(result.tasks["shout-1"].result).toBe("CLOUD!!!");
    expect(mem.history("say_hello-1")).toEqual(["Running", "Success"]);
    expect(mem.history("times")).toEqual(["Success"]);
    expect(mem.logs).toContainEqual({ slug: "say_hello-1", message: "Hello, Cloud!", level: "INFO", taskRunId: "tr-say_hello-1" });
  });

  it("fails the flow and marks downstream tasks TriggerFailed when a task throws", async () => {
    const mem = memoryReporter();
    const boom = task(() => {
      throw new Error("kaput");
    }, { name: "boom" });
    const after = task(() => "never", { name: "after" });
    const always = task(() => "cleanup", { name: "always", trigger: triggers.allFinished });
    const onFail = task(() => "alert", { name: "on_fail", trigger: triggers.anyFailed });
    const flow = new Flow("runner-fail", () => {
      const b = boom();
      after.with({ upstream: [b] })();
      always.with({ upstream: [b] })();
      onFail.with({ upstream: [b] })();
    });
    const result = await runFlow(flow, { parameters: {}, reporter: mem.reporter });
    expect(result.state).toBe("Failed");
    expect(result.message).toBe("Some reference tasks failed.");
    expect(result.tasks["boom-1"]).toMatchObject({ state: "Failed", message: "Error during execution of task: kaput" });
    expect(result.tasks["after-1"]).toMatchObject({ state: "TriggerFailed", message: 'Trigger was "all_successful" but some of the upstream tasks failed.' });
    expect(result.tasks["always-1"]).toMatchObject({ state: "Success", result: "cleanup" });
    expect(result.tasks["on_fail-1"]).toMatchObject({ state: "Success", result: "alert" });
    expect(mem.logs.some((l) => l.level === "ERROR" && l.message.includes("kaput"))).toBe(true);
  });

  it("retries with Retrying states until the task succeeds", async () => {
    const mem = memoryReporter();
    let calls = 0;
    const flaky = task(() => {
      calls++;
      if (calls < 3) throw new Error(`attempt ${calls} failed`);
      return context.runCount;
    }, { name: "flaky", maxRetries: 3, retryDelay: 5 });
    const flow = new Flow("runner-retry", () => flaky());
    const result = await runFlow(flow, { parameters: {}, reporter: mem.reporter });
    expect(result.state).toBe("Success");
    expect(result.tasks["flaky-1"]).toMatchObject({ state: "Success", result: 3, attempts: 3 });
    expect(mem.history("flaky-1")).toEqual(["Running", "Retrying", "Running", "Retrying", "Running", "Success"]);
    const retrying = mem.states.find((s) => s.state.type === "Retrying")!.state;
    expect(retrying.message).toBe("Retrying Task (after attempt 1 of 4)");
    expect(retrying.start_time).toMatch(/^\d{4}-\d\d-\d\dT/);
  });

  it("gives up after maxRetries and ends Failed", async () => {
    const mem = memoryReporter();
    const never = task(() => {
      throw new Error("no");
    }, { name: "never", maxRetries: 1 });
    const result = await runFlow(new Flow("runner-giveup", () => never()), { parameters: {}, reporter: mem.reporter });
    expect(result.tasks["never-1"]).toMatchObject({ state: "Failed", attempts: 2 });
    expect(mem.history("never-1")).toEqual(["Running", "Retrying", "Running", "Failed"]);
  });

  it("ends a task TimedOut when it runs past its timeout", async () => {
    const mem = memoryReporter();
    // A task that never ends by itself: only its timeout can end it.
    const slow = task(() => new Promise(() => {}), { name: "slow", timeout: 20 });
    const result = await runFlow(new Flow("runner-timeout", () => slow()), { parameters: {}, reporter: mem.reporter });
    expect(result.state).toBe("Failed");
    expect(result.tasks["slow-1"]).toMatchObject({ state: "TimedOut", message: "Task timed out after 20 ms." });
  });

  it("runs independent tasks concurrently", async () => {
    const mem = memoryReporter();
    // Each task waits until all three have started: a runner that ran them one at a time never finishes.
    let started = 0;
    let allStarted!: () => void;
    const together = new Promise<void>((resolve) => (allStarted = resolve));
    const work = task(async () => {
      if (++started === 3) allStarted();
      await together;
    }, { name: "work" });
    const result = await runFlow(new Flow("runner-concurrent", () => [work(), work(), work()]), { parameters: {}, reporter: mem.reporter });
    expect(result.state).toBe("Success");
    expect(started).toBe(3);
  });

  it("uses explicit reference tasks for the final state", async () => {
    const mem = memoryReporter();
    const ok = task(() => 1, { name: "ok" });
    const bad = task(() => {
      throw new Error("x");
    }, { name: "bad" });
    const flow = new Flow("runner-reference", (f) => {
      f.setReferenceTasks(ok());
      bad();
    });
    expect((await runFlow(flow, { parameters: {}, reporter: mem.reporter })).state).toBe("Success");
  });

  it("stops at once when cancelled and starts nothing new", async () => {
    const mem = memoryReporter();
    const controller = new AbortController();
    // The first task cancels the run, then goes on until the test lets it end.
    let letFirstEnd!: () => void;
    const firstMayEnd = new Promise<void>((resolve) => (letFirstEnd = resolve));
    const first = task(async () => {
      controller.abort();
      await firstMayEnd;
    }, { name: "first" });
    const second = task(() => "late", { name: "second" });
    const flow = new Flow("runner-cancel", () => second.with({ upstream: [first()] })());
    const result = await runFlow(flow, { parameters: {}, reporter: mem.reporter, signal: controller.signal });
    expect(result.state).toBe("Cancelled");
    expect(mem.history("first-1")).toEqual(["Running"]);
    letFirstEnd();
    await vi.waitFor(() => expect(mem.history("first-1").length).toBeGreaterThan(1));
    // Its end set off only promise callbacks: once they have all run, the second task would have started.
    await new Promise((resolve) => setImmediate(resolve));
    expect(mem.history("second-1")).toEqual([]);
  });

  it("fails a required parameter that has no value", async () => {
    const mem = memoryReporter();
    const use = task((x: number) => x, { name: "use" });
    const result = await runFlow(new Flow("runner-param", () => use(Parameter("x"))), { parameters: {}, reporter: mem.reporter });
    expect(result.tasks.x).toMatchObject({ state: "Failed", message: 'Parameter "x" is required and was not given.' });
    expect(result.tasks["use-1"].state).toBe("TriggerFailed");
  });

  it("hands each task's result to the reporter with its Success, for a result store", async () => {
    const outputs: { slug: string; output?: { result: unknown } }[] = [];
    const mem = memoryReporter();
    const reporter: TaskReporter = {
      ...mem.reporter,
      async setTaskState(node, state, output) {
        if (state.type === "Success") outputs.push({ slug: node.slug, output });
      },
    };
    const make = task(() => ({ rows: [1, 2] }), { name: "make" });
    await runFlow(new Flow("runner-output", () => make()), { parameters: {}, reporter });
    expect(outputs).toEqual([{ slug: "make-1", output: { result: { rows: [1, 2] } } }]);
  });

  it("restart: a task finished earlier is not run again and reports nothing; its result feeds the tasks that run", async () => {
    const mem = memoryReporter();
    let produced = 0;
    const produce = task(() => {
      produced++;
      return { rows: [1, 2, 3] };
    }, { name: "produce" });
    const consume = task((data: { rows: number[] }, scale: number) => data.rows.length * scale, { name: "consume" });
    const flow = new Flow("runner-restart", () => consume(produce(), Parameter("scale", { default: 2 })));
    const [produceNode] = flow.nodes.filter((n) => n.slug === "produce-1");
    const finished = new Map([[produceNode, { state: "Success" as const, message: "Task run succeeded.", result: { rows: [1, 2, 3, 4] }, attempts: 1 }]]);
    const result = await runFlow(flow, { parameters: {}, reporter: mem.reporter, finished });
    expect(produced).toBe(0);
    expect(mem.history("produce-1")).toEqual([]);
    expect(mem.history("consume-1")).toEqual(["Running", "Success"]);
    // The kept result, not a fresh one: 4 rows × 2.
    expect(result.tasks["consume-1"]).toMatchObject({ state: "Success", result: 8 });
    expect(result.state).toBe("Success");
  });
});
