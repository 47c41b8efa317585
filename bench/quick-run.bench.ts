/**
 * Quick Run latency: time from `create_flow_run` to Success seen through a live query, for the
 * tutorial's hello-flow, through a real server (SQLite) and a real local agent. Measured with
 * spawn-per-run and with the warm pool, then broken down: process start + module load (cold
 * engine) and the engine's own API calls (engine run in-process with a timing client).
 */
import { spawnSync } from "node:child_process";
import type { TypedDocumentNode } from "@graphql-typed-document-node/core";
import { parse } from "graphql";
import { join } from "node:path";
import { LocalAgent } from "../src/agent/agent.ts";
import type { EngineLauncher } from "../src/agent/launcher.ts";
import { ENGINE_MAIN, TSX_LOADER } from "../src/agent/launcher.ts";
import { SpawnLauncher } from "../src/agent/spawn-launcher.ts";
import { WarmPoolLauncher } from "../src/agent/warm-pool.ts";
import { startTestStack, type TestStack } from "../src/agent/testing/stack.ts";
import { TernClient } from "../src/client/client.ts";
import { executeFlowRun } from "../src/engine/flow-run.ts";
import { median, percentile, report } from "./lib.ts";

const RUNS = 20;

// bench/ is outside the codegen's document globs, so this one document is parsed and typed here.
const WatchState = parse("subscription Bench_runState($id: uuid!) { flow_run_by_pk(id: $id) { id state } }") as TypedDocumentNode<
  { flow_run_by_pk: { id: string; state: string | null } | null },
  { id: string }
>;

async function untilSuccess(client: TernClient, id: string): Promise<void> {
  const live = client.subscribe(WatchState, { id });
  try {
    for await (const data of live) {
      const state = data.flow_run_by_pk?.state;
      if (state === "Success") return;
      if (state === "Failed" || state === "Cancelled") throw new Error(`run ${id} ended ${state}`);
    }
  } finally {
    live.close();
  }
}

async function measureAgent(stack: TestStack, flowId: string, launcher: EngineLauncher): Promise<number[]> {
  const agent = new LocalAgent(new TernClient({ api: stack.server.graphqlUrl }), launcher, { labels: ["test"], print: () => {} });
  await agent.start();
  // Let warm workers finish loading; the point of the pool is to pay that before the click.
  await new Promise((r) => setTimeout(r, 1500));
  const times: number[] = [];
  try {
    for (let i = 0; i < RUNS + 2; i++) {
      const start = performance.now();
      const id = await stack.createRun(flowId);
      await untilSuccess(stack.client, id);
      if (i >= 2) times.push(performance.now() - start); // two warm-up runs
    }
  } finally {
    await agent.stop();
  }
  return times;
}

const stack = await startTestStack();
process.env.TERN_HOME = stack.home;
process.env.TERN_QUIET = "1";
const { flowId } = await stack.register(join(import.meta.dirname, "../examples/hello-flow.ts"));

const spawned = await measureAgent(stack, flowId, new SpawnLauncher());
report({ name: "hello-flow create→Success, spawn per run (p50)", value: median(spawned), unit: "ms", budget: 40 });
report({ name: "hello-flow create→Success, spawn per run (p90)", value: percentile(spawned, 90), unit: "ms" });

const warm = await measureAgent(stack, flowId, new WarmPoolLauncher({ size: 2 }));
report({ name: "hello-flow create→Success, warm pool (p50)", value: median(warm), unit: "ms", budget: 40, baseline: { name: "spawn per run", value: median(spawned) } });
report({ name: "hello-flow create→Success, warm pool (p90)", value: percentile(warm, 90), unit: "ms" });

// Where the spawn-per-run time goes: a bare node start, node + tsx, and node + tsx + the engine's modules.
const timeProcess = (args: string[]) => {
  const samples: number[] = [];
  for (let i = 0; i < 5; i++) {
    const start = performance.now();
    spawnSync(process.execPath, args, { stdio: "ignore", env: { ...process.env, TERN_FLOW_RUN_ID: "" } });
    samples.push(performance.now() - start);
  }
  return median(samples);
};
const bare = timeProcess(["-e", ""]);
const withTsx = timeProcess(["--import", TSX_LOADER, "-e", ""]);
const withEngine = timeProcess(["--import", TSX_LOADER, ENGINE_MAIN]); // no run id: loads everything, exits 2
report({ name: "process start: node alone", value: bare, unit: "ms" });
report({ name: "process start: node + tsx loader", value: withTsx, unit: "ms", baseline: { name: "node alone", value: bare } });
report({ name: "process start: node + tsx + engine modules", value: withEngine, unit: "ms", baseline: { name: "node alone", value: bare } });

// The engine's API calls, timed one by one with the engine in this process (no spawn, warm imports).
const perOp = new Map<string, number[]>();
const timing = new TernClient({ api: stack.server.graphqlUrl });
const untimed = timing.request.bind(timing);
timing.request = (async (doc: TypedDocumentNode<unknown, any>, variables: unknown, options?: unknown) => {
  const definition = doc.definitions[0];
  const name = (definition && "name" in definition && definition.name?.value) || "?";
  const start = performance.now();
  try {
    return await untimed(doc, variables as never, options as never);
  } finally {
    perOp.set(name, [...(perOp.get(name) ?? []), performance.now() - start]);
  }
}) as TernClient["request"];
const inProcess: number[] = [];
for (let i = 0; i < RUNS; i++) {
  const id = await stack.createRun(flowId);
  const start = performance.now();
  await executeFlowRun(timing, id, { cancelPollMs: 60_000 });
  inProcess.push(performance.now() - start);
  process.env.TERN_FLOW_RUN_ID = "";
}
report({ name: "engine in-process, one hello-flow run (p50)", value: median(inProcess), unit: "ms" });
for (const [name, samples] of perOp) {
  report({ name: `  ${name} ×${(samples.length / RUNS).toFixed(0)} per run (p50 each)`, value: median(samples), unit: "ms" });
}

await stack.close();
process.exit(0);
