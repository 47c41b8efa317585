import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { TernClient } from "../client/client.ts";
import { LocalAgent } from "./agent.ts";
import { fromAgent, recordRequests } from "../testing/requests.ts";
import { runHistory } from "../testing/run-history.ts";
import { startTestStack, type TestStack } from "../testing/stack.ts";
import { WarmPoolLauncher } from "./warm-pool.ts";

/**
 * The agent's share of a short run's round trips: the claim (woken by the live query), which also
 * starts the run, so the warm engine needs no request to start it. Its
 * "Submitted for execution" line rides with the warm engine's first write. No second claim after an
 * answer smaller than the room asked for, none when its own claim changes the live query's answer,
 * none when a run ends with slots free.
 */

const HELLO_FLOW = join(import.meta.dirname, "../../examples/hello-flow.ts");
const CRASH_FLOW = join(import.meta.dirname, "../testing/crash-flow.ts");
const RUNS = 3;

describe("agent round trips", () => {
  let stack: TestStack;
  let agent: LocalAgent;
  beforeAll(async () => {
    stack = await startTestStack();
    process.env.TERN_HOME = stack.home;
    // Slow poll and heartbeat far away: every request counted below is one a run caused.
    agent = new LocalAgent(new TernClient({ api: stack.server.graphqlUrl }), new WarmPoolLauncher({ size: 1 }), {
      labels: ["test"],
      print: () => {},
      pollMs: 600_000,
      heartbeatMs: 600_000,
    });
    await agent.start();
  }, 60_000);
  afterAll(async () => {
    await agent?.stop();
    await stack?.close();
  });

  it("each run costs the agent one request, its claim; its Submitted line is stored once, by the engine", async () => {
    const { flowId } = await stack.register(HELLO_FLOW);
    const counted = recordRequests(fromAgent);
    const ids: string[] = [];
    try {
      for (let i = 0; i < RUNS; i++) {
        const id = await stack.createRun(flowId);
        ids.push(id);
        expect((await stack.waitForFinish(id)).state).toBe("Success");
      }
    } finally {
      counted.stop();
    }
    expect(counted.operations).toEqual(Array.from({ length: RUNS }, () => "Agent_claimFlowRuns"));
    for (const id of ids) {
      const run = await runHistory(stack.client, id);
      const lines = run.logs.filter((l) => l.name === "agent").map((l) => l.message);
      expect(lines).toEqual([expect.stringMatching(/^Submitted for execution: PID: \d+$/)]);
      // The claim also started the run (the warm engine starts from its answer): one Running, the claim's.
      expect(run.states.map((s) => s.state)).toEqual(["Scheduled", "Submitted", "Running", "Success"]);
    }
  });

  it("an engine that dies without saying what it stored: the agent sends the Submitted line again, and it is stored once", async () => {
    const { flowId } = await stack.register(CRASH_FLOW);
    const id = await stack.createRun(flowId);
    expect((await stack.waitForFinish(id)).state).toBe("Failed");
    // The engine stored the line with its first write, then died; the agent's copy carries the same key.
    let lines: (string | null)[] = [];
    for (let i = 0; i < 100 && lines.length < 2; i++) {
      lines = (await runHistory(stack.client, id)).logs.filter((l) => l.name === "agent").map((l) => l.message);
      if (lines.length < 2) await new Promise((r) => setTimeout(r, 50));
    }
    expect(lines).toEqual([expect.stringMatching(/^Submitted for execution: PID: \d+$/), expect.stringMatching(/^Flow-run process exited with code 3/)]);
  });
});
