import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { AGENT_STOPPED_MESSAGE } from "../../agent/agent.ts";
import { descendants, isAlive, startTern, type TernProcess } from "../../testing/processes.ts";
import { startTestStack, type TestStack } from "../../testing/stack.ts";
import { graphql } from "../../core/gql/gql.ts";

const FIXTURES = join(import.meta.dirname, "../../testing");

const RunProgress = graphql(`
  query AgentCliTest_runProgress($id: uuid!) {
    flow_run_by_pk(id: $id) {
      id
      state
      task_runs {
        state
      }
    }
  }
`);

const StuckRuns = graphql(`
  query AgentCliTest_stuckRuns {
    flow_run(where: { state: { _in: ["Submitted", "Running", "Cancelling"] } }) {
      id
      state
    }
    task_run(where: { state: { _in: ["Running"] } }) {
      id
      state
    }
  }
`);

// Real agent processes start tsx and engines: on a busy machine that takes longer than the default timeout.
describe("tern agent local start: Ctrl-C", { timeout: 90_000 }, () => {
  let stack: TestStack;
  let sleepFlow: string;
  let longFlow: string;

  beforeAll(async () => {
    stack = await startTestStack();
    sleepFlow = (await stack.register(join(FIXTURES, "sleep-flow.ts"))).flowId;
    longFlow = (await stack.register(join(FIXTURES, "cancel-flow.ts"))).flowId;
  });
  afterAll(async () => stack?.close());

  /** A real agent process with one warm engine more than it needs, so an idle engine is there too. */
  async function startAgent(graceSeconds: number): Promise<TernProcess> {
    const agent = startTern(["agent", "local", "start", "--api", stack.server.graphqlUrl, "--label", "test", "--warm", "2", "--max-concurrent", "2", "--grace", String(graceSeconds)]);
    await agent.waitForLine(/registered/);
    return agent;
  }

  /** Creates a run and waits until its task is executing inside an engine of `agent`. */
  async function runUntilTaskRunning(flowId: string, agent: TernProcess): Promise<string> {
    const id = await stack.createRun(flowId);
    for (;;) {
      const run = (await stack.client.request(RunProgress, { id })).flow_run_by_pk;
      if (run?.task_runs.some((t) => t.state === "Running")) return id;
      if (agent.child.exitCode !== null) throw new Error(`the agent exited early:\n${agent.lines.join("\n")}`);
      await new Promise((r) => setTimeout(r, 25));
    }
  }

  /** Ctrl-C as a terminal sends it: to the agent's whole process group. */
  const ctrlC = (agent: TernProcess) => process.kill(-agent.pid, "SIGINT");

  async function expectNothingLeft(agent: TernProcess, engines: number[]) {
    expect(await agent.exited).toBe(0);
    expect(engines.filter(isAlive)).toEqual([]);
    expect(await stack.client.request(StuckRuns, {})).toEqual({ flow_run: [], task_run: [] });
  }

  it("lets a running flow run finish within the grace period, then exits with no engine left", async () => {
    const agent = await startAgent(30);
    const id = await runUntilTaskRunning(sleepFlow, agent);
    const engines = descendants(agent.pid);
    expect(engines.length).toBeGreaterThanOrEqual(2);
    ctrlC(agent);
    await expectNothingLeft(agent, engines);
    expect(await stack.waitForFinish(id)).toMatchObject({ state: "Success" });
    expect(agent.lines).toContainEqual(expect.stringMatching(/waiting up to 30s for 1 running flow run\(s\) to finish/));
    expect(agent.lines.at(-1)).toMatch(/Agent stopped$/);
  });

  it("stops a run that outlives the grace period and marks it Failed", async () => {
    const agent = await startAgent(1);
    const id = await runUntilTaskRunning(longFlow, agent);
    const engines = descendants(agent.pid);
    ctrlC(agent);
    await expectNothingLeft(agent, engines);
    expect(await stack.waitForFinish(id)).toEqual({ state: "Failed", state_message: AGENT_STOPPED_MESSAGE });
    expect(agent.lines).toContainEqual(expect.stringMatching(/Stopping 1 flow run\(s\) that did not finish/));
  });

  it("a second Ctrl-C stops running flow runs without waiting out the grace period", async () => {
    const agent = await startAgent(600);
    const id = await runUntilTaskRunning(longFlow, agent);
    const engines = descendants(agent.pid);
    ctrlC(agent);
    await agent.waitForLine(/waiting up to 600s/);
    ctrlC(agent);
    await expectNothingLeft(agent, engines);
    expect(await stack.waitForFinish(id)).toEqual({ state: "Failed", state_message: AGENT_STOPPED_MESSAGE });
    expect(agent.lines).toContainEqual("Stopping running flow runs now");
  });

  it("documents Ctrl-C and server restarts in --help", async () => {
    const help = startTern(["agent", "local", "start", "--help"]);
    expect(await help.exited).toBe(0);
    const text = help.lines.join("\n");
    expect(text).toContain("--grace <seconds>");
    expect(text).toContain("A second Ctrl-C stops them at once");
    expect(text).toContain("If the server stops answering, the agent keeps running");
  });

  it("rejects a negative --grace with a clear message and exit code 1", async () => {
    const agent = startTern(["agent", "local", "start", "--api", stack.server.graphqlUrl, "--grace", "-3"]);
    expect(await agent.exited).toBe(1);
    expect(agent.lines.join("\n")).toContain("--grace must be a number of seconds ≥ 0");
    expect(agent.lines.join("\n")).not.toMatch(/\n\s+at /);
  });
});

describe("tern agent local start: killed outright", { timeout: 90_000 }, () => {
  let stack: TestStack;
  let flowId: string;
  beforeAll(async () => {
    stack = await startTestStack();
    flowId = (await stack.register(join(FIXTURES, "cancel-flow.ts"))).flowId;
  });
  afterAll(async () => stack?.close());

  it.each([
    ["warm pool (busy and idle engines)", "2"],
    ["spawn per run", "0"],
  ])("%s: its engines exit on their own instead of running on as orphans", async (_, warm) => {
    const agent = startTern(["agent", "local", "start", "--api", stack.server.graphqlUrl, "--label", "test", "--warm", warm, "--max-concurrent", "2"]);
    await agent.waitForLine(/registered/);
    const id = await stack.createRun(flowId);
    while (!(await stack.client.request(RunProgress, { id })).flow_run_by_pk?.task_runs.some((t) => t.state === "Running")) await new Promise((r) => setTimeout(r, 25));
    const engines = descendants(agent.pid);
    expect(engines.length).toBeGreaterThanOrEqual(warm === "0" ? 1 : 2);
    agent.child.kill("SIGKILL");
    await agent.exited;
    for (let i = 0; i < 200 && engines.some(isAlive); i++) await new Promise((r) => setTimeout(r, 50));
    expect(engines.filter(isAlive)).toEqual([]);
  });
});
