import { readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { TernClient } from "../client/client.ts";
import { graphql } from "../core/gql/gql.ts";
import { AGENT_STOPPED_MESSAGE, LocalAgent } from "./agent.ts";
import { SetFlowRunStates } from "./documents.ts";
import { SpawnLauncher } from "./spawn-launcher.ts";
import { isAlive } from "../testing/processes.ts";
import { startTestStack, type TestStack } from "../testing/stack.ts";
import { WarmPoolLauncher } from "./warm-pool.ts";

const EXAMPLES = join(import.meta.dirname, "../../examples");
const FIXTURES = join(import.meta.dirname, "../testing");

const RunDetails = graphql(`
  query AgentTest_runDetails($id: uuid!) {
    flow_run_by_pk(id: $id) {
      id
      state
      state_message
      agent_id
      states(order_by: { timestamp: asc }) {
        state
      }
      logs(order_by: { timestamp: asc }) {
        name
        level
        message
        task_run_id
      }
      task_runs {
        id
        state
        state_message
        task {
          slug
        }
        states(order_by: { timestamp: asc }) {
          state
          message
        }
      }
    }
  }
`);

const CancelRun = graphql(`
  mutation AgentTest_cancel($input: cancel_flow_run_input!) {
    cancel_flow_run(input: $input) {
      state
    }
  }
`);

const quiet = () => {};

describe("local agent + engine against a real server", () => {
  let stack: TestStack;
  let agent: LocalAgent;
  let hello: string;
  let failing: string;
  const printed: string[] = [];

  beforeAll(async () => {
    stack = await startTestStack();
    process.env.TERN_HOME = stack.home;
    hello = (await stack.register(join(EXAMPLES, "hello-flow.ts"))).flowId;
    failing = (await stack.register(join(EXAMPLES, "failing-flow.ts"))).flowId;
    agent = new LocalAgent(new TernClient({ api: stack.server.graphqlUrl }), new SpawnLauncher(), { labels: ["test"], print: (l) => printed.push(l), pollMs: 1000 });
    await agent.start();
  }, 60_000);

  afterAll(async () => {
    await agent?.stop();
    await stack?.close();
  });

  const details = async (id: string) => (await stack.client.request(RunDetails, { id })).flow_run_by_pk!;

  it("runs the tutorial flow to Success with 'Hello, Cloud!' in the run's logs", async () => {
    const id = await stack.createRun(hello);
    expect(await stack.waitForFinish(id)).toEqual({ state: "Success", state_message: "All reference tasks succeeded." });
    const run = await details(id);
    expect(run.agent_id).toBe(agent.agentId);
    expect(run.states.map((s) => s.state)).toEqual(["Scheduled", "Submitted", "Running", "Success"]);
    const line = run.logs.find((l) => l.message === "Hello, Cloud!");
    expect(line).toMatchObject({ level: "INFO", name: "say_hello", task_run_id: run.task_runs[0].id });
    expect(run.logs.some((l) => l.name === "agent" && /^Submitted for execution: PID: \d+$/.test(l.message ?? ""))).toBe(true);
    expect(run.task_runs[0].states.map((s) => s.state)).toEqual(["Pending", "Running", "Success"]);
  });

  it("fails the flow when a task throws, and the downstream task ends TriggerFailed", async () => {
    const id = await stack.createRun(failing);
    expect(await stack.waitForFinish(id)).toEqual({ state: "Failed", state_message: "Some reference tasks failed." });
    const run = await details(id);
    const bySlug = Object.fromEntries(run.task_runs.map((t) => [t.task?.slug, t]));
    expect(bySlug["fetch_data-1"]).toMatchObject({ state: "Failed", state_message: "Error during execution of task: the upstream service answered 503" });
    expect(bySlug["report-1"].state).toBe("TriggerFailed");
    expect(bySlug["cleanup-1"].state).toBe("Success");
    expect(run.logs.some((l) => l.level === "ERROR" && l.message?.includes("the upstream service answered 503"))).toBe(true);
  });

  it("records retries in the task run's state history", async () => {
    const { flowId } = await stack.register(join(FIXTURES, "retry-flow.ts"));
    const id = await stack.createRun(flowId);
    expect((await stack.waitForFinish(id)).state).toBe("Success");
    const task = (await details(id)).task_runs[0];
    expect(task.states.map((s) => s.state)).toEqual(["Pending", "Running", "Retrying", "Running", "Retrying", "Running", "Success"]);
    expect(task.states[2].message).toBe("Retrying Task (after attempt 1 of 3)");
  });

  it("ends a run Failed with the reason when its flow file is gone", async () => {
    // A flow file registered, then deleted: the engine cannot import it.
    const file = join(FIXTURES, `gone-${process.pid}.ts`);
    writeFileSync(file, readFileSync(join(FIXTURES, "append-flow.ts"), "utf8").replace('"append-flow"', '"gone-flow"'));
    let flowId: string;
    try {
      flowId = (await stack.register(file)).flowId;
    } finally {
      rmSync(file);
    }
    const id = await stack.createRun(flowId);
    const end = await stack.waitForFinish(id);
    expect(end.state).toBe("Failed");
    expect(end.state_message).toBe(`Failed to load and execute flow run: Flow file not found: ${file}`);
    expect((await details(id)).logs.some((l) => l.level === "ERROR" && l.message?.includes("Flow file not found"))).toBe(true);
  });

  /** Waits for the agent's line saying the run's engine process ended; returns how ("exit 0"). */
  const engineEnd = async (id: string) => {
    const end = () => printed.find((l) => l.startsWith(`Flow run ${id} finished (`));
    await vi.waitFor(() => expect(end()).toBeDefined(), { timeout: 20_000, interval: 25 });
    return end()!.slice(`Flow run ${id} finished (`.length, -1);
  };
  const startLongRun = async () => {
    const { flowId } = await stack.register(join(FIXTURES, "cancel-flow.ts"));
    const id = await stack.createRun(flowId);
    // The subject is a run with a task Running: a run that never gets there fails the test here.
    await vi.waitFor(async () => expect((await details(id)).task_runs.map((t) => t.state)).toContain("Running"), { timeout: 20_000, interval: 25 });
    return id;
  };
  const taskHistories = async (id: string) => Object.fromEntries((await details(id)).task_runs.map((t) => [t.task?.slug, t.states.map((s) => s.state)]));

  it("stops a running flow run when it is cancelled, and every task run ends Cancelled", async () => {
    const id = await startLongRun();
    await stack.client.request(CancelRun, { input: { flow_run_id: id } });
    expect((await stack.waitForFinish(id)).state).toBe("Cancelled");
    expect(await engineEnd(id)).toBe("exit 0");
    expect(await taskHistories(id)).toEqual({ "wait-1": ["Pending", "Running", "Cancelled"], "after-1": ["Pending", "Cancelled"] });
  });

  it("a client's Cancelled on a running run cancels its task runs; the engine stops and overwrites none of it", async () => {
    const id = await startLongRun();
    // What a person's "Set state" or the Prefect 1 runner sends: Cancelled straight from Running.
    await stack.client.request(SetFlowRunStates, { input: { states: [{ flow_run_id: id, state: { type: "Cancelled", message: "Stopped by hand." } }] } });
    expect(await engineEnd(id)).toBe("exit 0");
    const run = await details(id);
    expect([run.state, run.state_message]).toEqual(["Cancelled", "Stopped by hand."]);
    expect(run.states.map((s) => s.state)).toEqual(["Scheduled", "Submitted", "Running", "Cancelled"]);
    expect(await taskHistories(id)).toEqual({ "wait-1": ["Pending", "Running", "Cancelled"], "after-1": ["Pending", "Cancelled"] });
  });
});

describe("agent shutdown and crashed engines", () => {
  let stack: TestStack;
  beforeAll(async () => {
    stack = await startTestStack();
  });
  afterAll(async () => stack?.close());

  it("a crashing engine fails only its run (with the exit code), and the warm pool keeps serving", async () => {
    const agent = new LocalAgent(new TernClient({ api: stack.server.graphqlUrl }), new WarmPoolLauncher({ size: 1 }), { labels: ["test"], print: quiet });
    await agent.start();
    try {
      const crash = (await stack.register(join(FIXTURES, "crash-flow.ts"))).flowId;
      const crashed = await stack.createRun(crash);
      const end = await stack.waitForFinish(crashed);
      expect(end.state).toBe("Failed");
      expect(end.state_message).toMatch(/^Flow-run process exited with code 3/);
      const hello = (await stack.register(join(EXAMPLES, "hello-flow.ts"))).flowId;
      expect((await stack.waitForFinish(await stack.createRun(hello))).state).toBe("Success");
    } finally {
      await agent.stop();
    }
  });

  it("on stop, kills in-flight engines, marks their runs Failed (Agent stopped) and leaves no process behind", async () => {
    const lines: string[] = [];
    const agent = new LocalAgent(new TernClient({ api: stack.server.graphqlUrl }), new SpawnLauncher(), { labels: ["test"], print: (l) => lines.push(l) });
    await agent.start();
    const { flowId } = await stack.register(join(FIXTURES, "cancel-flow.ts"));
    const id = await stack.createRun(flowId);
    while (!lines.some((l) => l.includes(`Submitted flow run ${id}`))) await new Promise((r) => setTimeout(r, 25));
    const pid = Number(lines.find((l) => l.includes(`Submitted flow run ${id}`))!.match(/PID (\d+)/)![1]);
    await agent.stop(1000);
    expect(isAlive(pid)).toBe(false);
    expect(await stack.waitForFinish(id)).toEqual({ state: "Failed", state_message: AGENT_STOPPED_MESSAGE });
    expect(lines.at(-1)).toBe("Agent stopped");
  });
});
