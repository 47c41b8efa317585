/**
 * A 10,000-child map (`TERN_BENCH_CHILDREN`) through a real server: a trivial task mapped over
 * 10,000 items, run by the engine in this process, from the run's start to its Success, on SQLite
 * and, when reachable, PostgreSQL. Also prints where the time went by GraphQL operation. Baseline:
 * the same flow over 100 items, to read the per-child cost against.
 */
import { join } from "node:path";
import { TernClient } from "../src/client/client.ts";
import { executeFlowRun } from "../src/engine/flow-run.ts";
import { LocalResultStore } from "../src/sdk/results.ts";
import { testDialects } from "../src/server/db/testing.ts";
import { startTestStack } from "../src/testing/stack.ts";
import { report } from "./lib.ts";

const CHILDREN = Number(process.env.TERN_BENCH_CHILDREN ?? 10_000);
const BIG_MAP_FLOW = join(import.meta.dirname, "../src/engine/testing/big-map-flow.ts");

/** Wall time per GraphQL operation sent through fetch while `body` runs. */
async function timeOperations<T>(body: () => Promise<T>): Promise<{ result: T; byOperation: Map<string, { count: number; ms: number }> }> {
  const byOperation = new Map<string, { count: number; ms: number }>();
  const realFetch = globalThis.fetch;
  globalThis.fetch = async (input, init) => {
    const sent = typeof init?.body === "string" ? (JSON.parse(init.body) as { query?: string }) : {};
    const name = /(?:query|mutation|subscription)\s+(\w+)/.exec(sent.query ?? "")?.[1] ?? "?";
    const started = performance.now();
    try {
      return await realFetch(input, init);
    } finally {
      const entry = byOperation.get(name) ?? { count: 0, ms: 0 };
      entry.count++;
      entry.ms += performance.now() - started;
      byOperation.set(name, entry);
    }
  };
  try {
    return { result: await body(), byOperation };
  } finally {
    globalThis.fetch = realFetch;
  }
}

for (const dialect of testDialects()) {
  const stack = await startTestStack({ dialect });
  try {
    const { flowId } = await stack.register(BIG_MAP_FLOW);
    const results = new LocalResultStore({ dir: join(stack.home, "results") });
    const run = async (count: number) => {
      const id = await stack.createRun(flowId, { count });
      const started = performance.now();
      const { result, byOperation } = await timeOperations(() =>
        executeFlowRun(new TernClient({ api: stack.server.graphqlUrl }), id, { results, cancelWatchAfterMs: 600_000 }),
      );
      if (result !== "Success") throw new Error(`the ${count}-child run ended ${result}`);
      return { ms: performance.now() - started, byOperation };
    };
    const small = await run(100);
    const big = await run(CHILDREN);
    report({ name: `${dialect}: ${CHILDREN}-child map, start → Success`, value: big.ms / 1000, unit: "s", baseline: { name: "100 children", value: small.ms / 1000 } });
    for (const [name, { count, ms }] of big.byOperation) console.log(`  ${name.padEnd(30)} ${String(count).padStart(5)} requests ${(ms / 1000).toFixed(2).padStart(8)} s`);
  } finally {
    await stack.close();
  }
}
