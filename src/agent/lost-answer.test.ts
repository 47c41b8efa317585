import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { TernClient } from "../client/client.ts";
import { graphql } from "../core/gql/gql.ts";
import { testDialects } from "../server/db/testing.ts";
import { type AnswerLosingProxy, type GraphQLBody, type LoseRule, startAnswerLosingProxy } from "../server/testing/answer-losing-proxy.ts";
import { LocalAgent } from "./agent.ts";
import { runHistory } from "../testing/run-history.ts";
import { startTestStack, type TestStack } from "../testing/stack.ts";
import { WarmPoolLauncher } from "./warm-pool.ts";

/**
 * The agent and its engines against a server whose answer to one chosen request never arrives (the
 * server did the work; the connection broke before the answer got through). Each run must still
 * execute exactly once, end Success, and leave one history entry per state.
 */

const APPEND_FLOW = join(import.meta.dirname, "../testing/append-flow.ts");
const CRASH_FLOW = join(import.meta.dirname, "../testing/crash-flow.ts");

const SubmittedRuns = graphql(`
  query AgentLostAnswerTest_submitted {
    flow_run(where: { state: { _eq: "Submitted" } }) {
      id
    }
  }
`);

/** The agent's "Submitted for execution" lines of a run: one per launch. */
const submittedLines = (run: { logs: { name?: string | null; message?: string | null }[] }) =>
  run.logs.filter((l) => l.name === "agent" && l.message?.startsWith("Submitted for execution"));

/** The levels of the lines a write_run_logs request carries. */
const levelsOf = (body: GraphQLBody) => ((body.variables?.input as { logs?: { level: string }[] } | undefined)?.logs ?? []).map((l) => l.level);

/** The flow-run states a write_run_batch request carries. */
const flowStatesOf = (body: GraphQLBody) =>
  ((body.variables?.input as { flow_run_states?: { state: { type: string } }[] } | undefined)?.flow_run_states ?? []).map((s) => s.state.type);

describe.each(testDialects())("agent requests whose answer is lost (%s)", (dialect) => {
  let stack: TestStack;
  let appendFlow: string;
  let crashFlow: string;
  beforeAll(async () => {
    stack = await startTestStack({ dialect });
    appendFlow = (await stack.register(APPEND_FLOW)).flowId;
    crashFlow = (await stack.register(CRASH_FLOW)).flowId;
  });
  afterAll(async () => stack?.close());

  /**
   * Creates one run, then runs an agent (one warm engine) through a proxy that loses the answers
   * `rules` pick, until the run is over. Returns the run's history, how often it executed, the
   * agent's output and the proxy.
   */
  async function runThroughLostAnswers(
    rules: LoseRule[],
    {
      flow = { id: appendFlow, ends: "Success" },
      settle,
      stopOnLoss = false,
      engineStarts = false,
    }: {
      flow?: { id: string; ends: string };
      /** Waits for writes the agent sends without waiting, before it stops. */
      settle?: (proxy: AnswerLosingProxy) => Promise<void>;
      /** Stops the agent as soon as an answer was lost (while it waits to retry), instead of when the run is over. */
      stopOnLoss?: boolean;
      /** The agent claims without starting the run; its engine's first write is the version-checked Running. */
      engineStarts?: boolean;
    } = {},
  ) {
    const executions = join(stack.home, `executions-${Date.now()}.txt`);
    writeFileSync(executions, "");
    const runId = await stack.createRun(flow.id);
    const proxy = await startAnswerLosingProxy(stack.server.graphqlUrl, rules);
    const lines: string[] = [];
    const launcher = new WarmPoolLauncher({ size: 1 });
    // Its engine ready before the agent's first claim: a warm pool's claim then starts the run…
    await vi.waitFor(() => expect(launcher.readyToStart()).toBe(1), { timeout: 30_000 });
    // …unless the agent is to claim without starting, and leave the version-checked Running to its engine.
    if (engineStarts) launcher.readyToStart = () => 0;
    const agent = new LocalAgent(new TernClient({ api: proxy.url }), launcher, {
      labels: ["test"],
      print: (line) => lines.push(line),
      pollMs: 500,
      // Stopping during the wait after a failure needs a wait long enough to be sure to stop in it.
      reconnect: stopOnLoss ? { firstMs: 10_000, maxMs: 10_000 } : { firstMs: 200, maxMs: 1000 },
      engineEnv: { TERN_TEST_APPEND_FILE: executions },
    });
    try {
      await agent.start();
      if (stopOnLoss) {
        await vi.waitFor(() => expect(proxy.lost).toHaveLength(1), { timeout: 20_000 });
        await agent.stop(10_000);
      }
      const finished = await stack.waitForFinish(runId, 40_000);
      expect(finished.state, lines.join("\n")).toBe(flow.ends);
      // Writes the agent does not wait for may still be on their way when the run shows finished.
      await settle?.(proxy);
    } finally {
      await agent.stop();
      await proxy.close();
    }
    const run = await runHistory(stack.client, runId);
    const executed = readFileSync(executions, "utf8").split("\n").filter(Boolean);
    return { runId, run, executed, proxy, lines };
  }

  it("claim_flow_runs: the run claimed in the lost answer is still executed once, not left Submitted", async () => {
    const { runId, run, executed, proxy } = await runThroughLostAnswers([{ operation: "claim_flow_runs" }]);
    // The server claimed the run for this agent in the answer that was lost.
    expect(proxy.lost).toHaveLength(1);
    expect(JSON.parse(proxy.lost[0].answer).data.claim_flow_runs.flow_runs.map((r: { id: string }) => r.id)).toEqual([runId]);
    expect(executed).toEqual([runId]);
    expect(run.states.map((s) => s.state)).toEqual(["Scheduled", "Submitted", "Running", "Success"]);
    expect(submittedLines(run)).toHaveLength(1);
    expect((await stack.client.request(SubmittedRuns, {})).flow_run).toEqual([]);
  }, 60_000);

  it("claim_flow_runs answer lost just before the agent stops: the claimed run is still run (within the grace), not left Submitted", async () => {
    const { runId, run, executed } = await runThroughLostAnswers([{ operation: "claim_flow_runs" }], { stopOnLoss: true });
    expect(executed).toEqual([runId]);
    expect(run.states.map((s) => s.state)).toEqual(["Scheduled", "Submitted", "Running", "Success"]);
    expect(submittedLines(run)).toHaveLength(1);
    expect((await stack.client.request(SubmittedRuns, {})).flow_run).toEqual([]);
  }, 60_000);

  it.each([
    { first: "a run its claim started: the engine's one write (the agent's line, task states, flow Success)", engineStarts: false, flowStates: ["Success"] },
    { first: "the engine's first write (flow Running, version-checked, from the claim's snapshot)", engineStarts: true, flowStates: ["Running"] },
  ])("$first: re-sent without a false lost claim, each state and line stored once", async ({ engineStarts, flowStates }) => {
    const { run, executed, runId, proxy } = await runThroughLostAnswers([{ operation: "write_run_batch", when: (b) => flowStatesOf(b).length > 0 }], { engineStarts });
    expect(proxy.lost).toHaveLength(1);
    expect(flowStatesOf(proxy.lost[0].request)).toEqual(flowStates);
    // The server stored the write the engine never heard about…
    expect(JSON.parse(proxy.lost[0].answer).errors).toBeUndefined();
    // …the engine started from the claim's answer (it never read the run), and its retry was taken
    // as the same write rather than a stale version.
    expect(proxy.count("Engine_flowRun")).toBe(0);
    expect(executed).toEqual([runId]);
    expect(run.states.map((s) => s.state)).toEqual(["Scheduled", "Submitted", "Running", "Success"]);
    expect(run.task_runs.map((t) => t.states.map((s) => s.state))).toEqual([["Pending", "Running", "Success"]]);
    // The agent's line that rode with the lost write is stored once too.
    expect(submittedLines(run)).toHaveLength(1);
  }, 60_000);

  it("the agent's writes for a crashed engine (its ERROR line, the task run's and the flow run's Failed): each stored once, no false failure", async () => {
    const errorLine = (b: GraphQLBody) => levelsOf(b).includes("ERROR");
    const { run, proxy, lines } = await runThroughLostAnswers(
      [{ operation: "Agent_writeRunLogs", when: errorLine }, { operation: "Agent_setTaskRunStates" }, { operation: "Agent_setFlowRunStates" }],
      {
        flow: { id: crashFlow, ends: "Failed" },
        // The crashing task's Running must be stored before it crashes (the engine's first request), for the agent to fail it.
        engineStarts: true,
        // The ERROR line is sent without waiting: its re-send (after the lost answer) must be stored before we look.
        settle: async (lossy) => {
          await vi.waitFor(() => expect(lossy.count("Agent_writeRunLogs", errorLine)).toBe(2), { timeout: 20_000 });
          await lossy.idle();
        },
      },
    );
    expect(proxy.lost.map((l) => l.operation).sort()).toEqual(["Agent_setFlowRunStates", "Agent_setTaskRunStates", "Agent_writeRunLogs"]);
    expect(run.states.map((s) => s.state)).toEqual(["Scheduled", "Submitted", "Running", "Failed"]);
    expect(run.task_runs.map((t) => t.states.map((s) => s.state))).toEqual([["Pending", "Running", "Failed"]]);
    expect(run.logs.filter((l) => l.name === "agent" && l.message?.startsWith("Flow-run process exited"))).toHaveLength(1);
    expect(lines.filter((l) => l.includes("Could not"))).toEqual([]);
  }, 60_000);
});
