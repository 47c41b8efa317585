import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { TernClient } from "../client/client.ts";
import { LocalAgent } from "./agent.ts";
import { startTestStack, type TestStack } from "./testing/stack.ts";
import { WarmPoolLauncher } from "./warm-pool.ts";

/**
 * The agent's share of a short run's round trips: the claim (woken by the live query) and its
 * "Submitted for execution" log line. No second claim after an answer smaller than the room asked
 * for, none when its own claim changes the live query's answer, none when a run ends with slots free.
 */

const HELLO_FLOW = join(import.meta.dirname, "../../examples/hello-flow.ts");
const RUNS = 3;

/** Names the operation of every request that carries the agent's id header, from now until `stop`. */
function agentRequests() {
  const operations: string[] = [];
  const realFetch = globalThis.fetch;
  globalThis.fetch = (input, init) => {
    const headers = (init?.headers ?? {}) as Record<string, string>;
    if (Object.keys(headers).some((h) => h.toLowerCase() === "x-prefect-agent-id")) {
      const sent = typeof init?.body === "string" ? (JSON.parse(init.body) as { query?: string }) : {};
      operations.push(/(?:query|mutation|subscription)\s+(\w+)/.exec(sent.query ?? "")?.[1] ?? "?");
    }
    return realFetch(input, init);
  };
  return { operations, stop: () => (globalThis.fetch = realFetch) };
}

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

  it("each run costs the agent two requests: its claim and its Submitted log line", async () => {
    const { flowId } = await stack.register(HELLO_FLOW);
    const counted = agentRequests();
    try {
      for (let i = 0; i < RUNS; i++) {
        const id = await stack.createRun(flowId);
        expect((await stack.waitForFinish(id)).state).toBe("Success");
      }
    } finally {
      counted.stop();
    }
    expect(counted.operations).toEqual(Array.from({ length: RUNS }, () => ["Agent_claimFlowRuns", "Agent_writeRunLogs"]).flat());
  });
});
