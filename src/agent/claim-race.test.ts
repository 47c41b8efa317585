import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { TernClient } from "../client/client.ts";
import { graphql } from "../core/gql/gql.ts";
import { testDialects } from "../server/db/testing.ts";
import { LocalAgent } from "./agent.ts";
import { startTestStack, type TestStack } from "../testing/stack.ts";
import { WarmPoolLauncher } from "./warm-pool.ts";

const FIXTURES = join(import.meta.dirname, "../testing");
const RUNS = 200;

const UnfinishedCount = graphql(`
  query ClaimRaceTest_unfinished($ids: [uuid!]!) {
    flow_run_aggregate(where: { id: { _in: $ids }, state: { _nin: ["Success", "Failed", "Cancelled", "TimedOut", "TriggerFailed", "Skipped"] } }) {
      aggregate {
        count
      }
    }
  }
`);

const RunHistories = graphql(`
  query ClaimRaceTest_histories($ids: [uuid!]!) {
    flow_run(where: { id: { _in: $ids } }) {
      id
      state
      agent_id
      states {
        state
      }
    }
  }
`);

/** Waits until none of `ids` is unfinished, asking one aggregate query at a time (not one poll per run). */
async function waitForAll(stack: TestStack, ids: string[], timeoutMs: number) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const left = (await stack.client.request(UnfinishedCount, { ids })).flow_run_aggregate.aggregate?.count ?? 0;
    if (left === 0) return;
    if (Date.now() > deadline) throw new Error(`${left} of ${ids.length} runs did not finish`);
    await new Promise((r) => setTimeout(r, 250));
  }
}

describe.each(testDialects())("agents racing for runs on %s", (dialect) => {
  let stack: TestStack;
  let flowId: string;

  beforeAll(async () => {
    stack = await startTestStack({ dialect });
    flowId = (await stack.register(join(FIXTURES, "append-flow.ts"))).flowId;
  });
  afterAll(async () => stack?.close());

  it.each([2, 3])(`%i agents execute each of ${RUNS} runs exactly once, each run claimed once`, async (agentCount) => {
    const file = join(stack.home, `executions-${agentCount}.txt`);
    writeFileSync(file, "");
    // Every run is queued before any agent starts, so all agents see the same queue at once and race
    // for the same runs from their first poll.
    const ids: string[] = [];
    for (let i = 0; i < RUNS; i += 20) ids.push(...(await Promise.all(Array.from({ length: Math.min(20, RUNS - i) }, () => stack.createRun(flowId)))));
    const agents = Array.from(
      { length: agentCount },
      (_, i) =>
        new LocalAgent(new TernClient({ api: stack.server.graphqlUrl }), new WarmPoolLauncher({ size: 2 }), {
          name: `racer-${i}`,
          labels: ["test"],
          print: () => {},
          maxConcurrent: 2,
          pollMs: 500,
          engineEnv: { TERN_TEST_APPEND_FILE: file },
        }),
    );
    await Promise.all(agents.map((a) => a.start()));
    try {
      await waitForAll(stack, ids, 240_000);
    } finally {
      await Promise.all(agents.map((a) => a.stop()));
    }

    const runs = (await stack.client.request(RunHistories, { ids })).flow_run;
    expect(runs).toHaveLength(RUNS);
    expect(runs.filter((r) => r.state !== "Success")).toEqual([]);
    const claimsPerRun = runs.map((r) => r.states.filter((s) => s.state === "Submitted").length);
    const startsPerRun = runs.map((r) => r.states.filter((s) => s.state === "Running").length);
    expect(new Set(claimsPerRun)).toEqual(new Set([1]));
    expect(new Set(startsPerRun)).toEqual(new Set([1]));

    const executions = new Map<string, number>();
    for (const id of readFileSync(file, "utf8").split("\n").filter(Boolean)) executions.set(id, (executions.get(id) ?? 0) + 1);
    const lost = ids.filter((id) => !executions.has(id));
    const twice = [...executions].filter(([, n]) => n > 1).map(([id]) => id);
    expect({ lost, twice, strangers: [...executions.keys()].filter((id) => !ids.includes(id)) }).toEqual({ lost: [], twice: [], strangers: [] });

    const byAgent = new Map<string, number>();
    for (const r of runs) byAgent.set(r.agent_id ?? "none", (byAgent.get(r.agent_id ?? "none") ?? 0) + 1);
    console.log(`${dialect}, ${agentCount} agents: runs per agent [${[...byAgent.values()].join(", ")}], claims lost to a rival [${agents.map((a) => a.claimsLost).join(", ")}]`);
  }, 300_000);
});
