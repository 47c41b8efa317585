import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { recordRequests } from "../testing/requests.ts";
import { runHistory } from "../testing/run-history.ts";
import { startTestStack, type TestStack } from "../testing/stack.ts";
import { TernClient } from "../client/client.ts";
import { must } from "../client/must.ts";
import { graphql } from "../core/gql/gql.ts";
import { FlowRunQuery } from "./documents.ts";
import { type EngineOptions, executeFlowRun } from "./flow-run.ts";

/**
 * Round trips are most of a short run's time, so their number is part of the engine's contract: the
 * tutorial's hello-flow (one task, one log line) costs a read of the run, one write that starts it
 * (flow Running + task Running) and one that ends it (the line + task Success + flow Success). Handed
 * the run by a claim that started it (warm pool), one write: the line + task states + flow Success.
 */

const CancelRun = graphql(`
  mutation RoundTripsTest_cancel($input: cancel_flow_run_input!) {
    cancel_flow_run(input: $input) {
      state
    }
  }
`);

/** The agent's pickup, as a warm pool's agent sends it: the claim also starts the run. */
const ClaimAndStart = graphql(`
  mutation RoundTripsTest_claimAndStart {
    claim_flow_runs(input: { labels: ["test"], limit: 1, start: 1 }) {
      flow_runs {
        id
        flow_run {
          ...Engine_run
        }
      }
    }
  }
`);

const HELLO_FLOW = join(import.meta.dirname, "../../examples/hello-flow.ts");
const CHAIN_FLOW = join(import.meta.dirname, "testing/chain-flow.ts");

/** Names the GraphQL operation of every HTTP request sent through `fetch` while `body` runs. */
async function countRequests<T>(body: () => Promise<T>): Promise<{ result: T; operations: string[] }> {
  const recorded = recordRequests();
  try {
    return { result: await body(), operations: recorded.operations };
  } finally {
    recorded.stop();
  }
}

/**
 * Runs the engine on a run in this process and counts its requests; `handOver` gives it the run as an
 * agent's claim would (read here, not by the engine).
 */
async function runEngine(api: string, runId: string, options: { handOver?: boolean } & EngineOptions = {}) {
  const { handOver, ...engineOptions } = options;
  const engine = new TernClient({ api });
  if (handOver) engineOptions.claimed = must((await engine.request(FlowRunQuery, { id: runId })).flow_run_by_pk, "flow run");
  return countRequests(() => executeFlowRun(engine, runId, engineOptions));
}

describe("engine round trips", () => {
  /** Claims the one due run (`runId`) the way a warm pool's agent does, and returns the run as the claim's answer shows it. */
  async function claimAndStart(runId: string) {
    const claimed = (await stack.client.request(ClaimAndStart, {})).claim_flow_runs.flow_runs;
    expect(claimed.map((c) => c.id)).toEqual([runId]);
    return must(claimed[0]!.flow_run, "claimed run");
  }

  let stack: TestStack;
  let flowId: string;
  let chainId: string;
  beforeAll(async () => {
    stack = await startTestStack();
    flowId = (await stack.register(HELLO_FLOW)).flowId;
    chainId = (await stack.register(CHAIN_FLOW)).flowId;
  });
  afterAll(() => stack?.close());

  it("a hello-flow run takes three requests: read, start, finish; its line is stored with the final states", async () => {
    const runId = await stack.createRun(flowId);
    const { result, operations } = await runEngine(stack.server.graphqlUrl, runId);

    expect(result).toBe("Success");
    expect(operations).toEqual(["Engine_flowRun", "Engine_writeRunBatch", "Engine_writeRunBatch"]);
    const run = await runHistory(stack.client, runId);
    expect(run.states.map((s) => s.state)).toEqual(["Scheduled", "Running", "Success"]);
    expect(run.task_runs.map((t) => t.states.map((s) => s.state))).toEqual([["Pending", "Running", "Success"]]);
    expect(run.logs.map((l) => l.message)).toEqual(["Hello, Cloud!"]);
  });

  it("handed the run by its agent's claim (warm pool), the engine skips its read: two requests", async () => {
    const runId = await stack.createRun(flowId);
    const { result, operations } = await runEngine(stack.server.graphqlUrl, runId, { handOver: true });

    expect(result).toBe("Success");
    expect(operations).toEqual(["Engine_writeRunBatch", "Engine_writeRunBatch"]);
    expect((await runHistory(stack.client, runId)).logs.map((l) => l.message)).toEqual(["Hello, Cloud!"]);
  });

  it("started by its agent's claim: one request, the line + task states + flow Success", async () => {
    const runId = await stack.createRun(flowId);
    const claimed = await claimAndStart(runId);
    expect(claimed.state).toBe("Running");
    const { result, operations } = await runEngine(stack.server.graphqlUrl, runId, { claimed });

    expect(result).toBe("Success");
    expect(operations).toEqual(["Engine_writeRunBatch"]);
    const run = await runHistory(stack.client, runId);
    expect(run.states.map((s) => s.state)).toEqual(["Scheduled", "Submitted", "Running", "Success"]);
    expect(run.task_runs.map((t) => t.states.map((s) => s.state))).toEqual([["Pending", "Running", "Success"]]);
    expect(run.logs.map((l) => l.message)).toEqual(["Hello, Cloud!"]);
  });

  it("started by its claim, cancelled before the engine's one write: that write is refused whole, a read finds Cancelling, the run ends Cancelled", async () => {
    const runId = await stack.createRun(flowId);
    const claimed = await claimAndStart(runId);
    await stack.client.request(CancelRun, { input: { flow_run_id: runId } });
    const { result, operations } = await runEngine(stack.server.graphqlUrl, runId, { claimed });

    expect(result).toBe("Cancelled");
    expect(operations).toEqual(["Engine_writeRunBatch", "Engine_flowRunState", "Engine_writeRunBatch"]);
    const run = await runHistory(stack.client, runId);
    expect(run.states.map((s) => s.state)).toEqual(["Scheduled", "Submitted", "Running", "Cancelling", "Cancelled"]);
    // The refused request stored nothing; the server cancels the task run the engine's states never reached.
    expect(run.task_runs.map((t) => t.states.map((s) => s.state))).toEqual([["Pending", "Cancelled"]]);
    expect(run.logs.map((l) => l.message)).toEqual(["Hello, Cloud!"]);
  });

  it("a chain of quick tasks: their states ride with the flow's final state, two requests, every state in order", async () => {
    const runId = await stack.createRun(chainId);
    const { result, operations } = await runEngine(stack.server.graphqlUrl, runId, { handOver: true });

    const run = await runHistory(stack.client, runId);
    expect(result).toBe("Success");
    expect(operations).toEqual(["Engine_writeRunBatch", "Engine_writeRunBatch"]);
    expect(run.states.map((s) => s.state)).toEqual(["Scheduled", "Running", "Success"]);
    // The parameter's run goes Pending → Success; each task's Pending → Running → Success.
    expect(run.task_runs.map((t) => t.states.map((s) => s.state).join(" ")).sort()).toEqual([
      "Pending Running Success",
      "Pending Running Success",
      "Pending Running Success",
      "Pending Success",
    ]);
    expect(run.logs.map((l) => l.message)).toContain("Chain ended at 2");
  });

  it("a task still running when the window closes: its Running goes out on its own while it runs", async () => {
    // The middle task waits far longer than the window, whose timer was set before its wait began.
    const runId = await stack.createRun(chainId, { pause: 400 });
    const { result, operations } = await runEngine(stack.server.graphqlUrl, runId, { handOver: true, taskStateWindowMs: 20 });

    expect(result).toBe("Success");
    expect(operations).toEqual(["Engine_writeRunBatch", "Engine_writeRunBatch", "Engine_writeRunBatch"]);
    const run = await runHistory(stack.client, runId);
    expect(run.task_runs.map((t) => t.states.map((s) => s.state).join(" ")).sort()).toEqual([
      "Pending Running Success",
      "Pending Running Success",
      "Pending Running Success",
      "Pending Success",
    ]);
  });

  it("a handed-over run cancelled meanwhile: the stale version stores nothing, a read finds Cancelling, the run ends Cancelled", async () => {
    const runId = await stack.createRun(flowId);
    const claimed = must((await stack.client.request(FlowRunQuery, { id: runId })).flow_run_by_pk, "flow run");
    await stack.client.request(CancelRun, { input: { flow_run_id: runId } });
    const { result, operations } = await runEngine(stack.server.graphqlUrl, runId, { claimed });

    const run = await runHistory(stack.client, runId);
    // A Scheduled run is cancelled at once by the server; the engine then only finds it finished.
    expect([result, run.state]).toEqual(["AlreadyFinished", "Cancelled"]);
    expect(operations).toEqual(["Engine_writeRunBatch", "Engine_flowRun"]);
    expect(run.task_runs.map((t) => t.states.map((s) => s.state).includes("Running"))).toEqual([false]);
  });
});
