/**
 * Quick Run latency: time from `create_flow_run` to Success seen through a live query, for the
 * tutorial's hello-flow, through a real server (SQLite) and a real local agent. Measured with
 * spawn-per-run and with the warm pool (30 runs each, p50 and p95), and each run split into its
 * phases from the run's state history (server clock) and marks taken inside the engine process
 * (bench/engine-marks.mjs, preloaded): queue pickup, handoff to the engine (spawn or IPC), flow load,
 * task execution, state writes. Then the baselines: process start + module load (cold engine) and
 * the engine's own API calls (engine run in-process with a timing client).
 */
import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import type { TypedDocumentNode } from "@graphql-typed-document-node/core";
import { join } from "node:path";
import { LocalAgent } from "../src/agent/agent.ts";
import type { EngineLauncher } from "../src/agent/launcher.ts";
import { ENGINE_MAIN, TSX_LOADER } from "../src/agent/launcher.ts";
import { SpawnLauncher } from "../src/agent/spawn-launcher.ts";
import { WarmPoolLauncher } from "../src/agent/warm-pool.ts";
import { fromAgent, recordRequests } from "../src/testing/requests.ts";
import { startTestStack, type TestStack } from "../src/testing/stack.ts";
import { TernClient } from "../src/client/client.ts";
import { must } from "../src/client/must.ts";
import { executeFlowRun } from "../src/engine/flow-run.ts";
import { CreateRun, RunHistory } from "./documents.ts";
import { untilSuccess } from "./until-success.ts";
import { describeMachine, median, percentile, report } from "./lib.ts";

const RUNS = 30;
const ENGINE_MARKS = join(import.meta.dirname, "engine-marks.mjs");

/** Wall-clock ms with sub-ms precision, comparable across the processes of one machine. */
const wallNow = () => performance.timeOrigin + performance.now();


interface Sample {
  id: string;
  /** Wall clock: the bench sent create_flow_run / saw Success through its live query. */
  requestedAt: number;
  seenAt: number;
}

/** CPU ms (user + system) a live process has used so far, from /proc; undefined once it is gone. */
function processCpuMs(pid: number): number | undefined {
  try {
    // Fields after the parenthesised command name: utime and stime are the 12th and 13th.
    const fields = readFileSync(`/proc/${pid}/stat`, "utf8").split(") ")[1].split(" ");
    return ((Number(fields[11]) + Number(fields[12])) * 1000) / 100; // clock ticks at USER_HZ = 100
  } catch {
    return undefined;
  }
}

/** Engine processes that have written a start mark (warm workers, or one per spawned run). */
const enginePids = (marksFile: string) =>
  readMarks(marksFile)
    .filter((m) => m.what === "process")
    .map((m) => m.pid!);

/** Engine CPU ms over the measured runs: warm workers only (a spawned engine is gone before it can be read). */
function engineCpu(pids: number[]): Map<number, number> {
  const out = new Map<number, number>();
  for (const pid of pids) {
    const ms = processCpuMs(pid);
    if (ms !== undefined) out.set(pid, ms);
  }
  return out;
}

interface Measured {
  samples: Sample[];
  /** HTTP requests the agent sent during the measured runs (those carrying its id header). */
  agentRequests: number;
  /** CPU of this process (server, agent, the bench's client) over the measured runs. */
  hostCpuMs: number;
  /** CPU of warm engine processes over the measured runs, when they could be read. */
  engineCpuMs?: number;
}

async function measureAgent(stack: TestStack, flowId: string, makeLauncher: () => EngineLauncher, marksFile: string): Promise<Measured> {
  // Engines inherit this environment: the preload times them from the inside.
  process.env.NODE_OPTIONS = `${process.env.NODE_OPTIONS ?? ""} --import ${ENGINE_MARKS}`.trim();
  process.env.BENCH_MARKS_FILE = marksFile;
  const launcher = makeLauncher();
  const agent = new LocalAgent(new TernClient({ api: stack.server.graphqlUrl }), launcher, { labels: ["test"], print: () => {} });
  await agent.start();
  // Let warm workers finish loading; the point of the pool is to pay that before the click.
  await new Promise((r) => setTimeout(r, 1500));
  const samples: Sample[] = [];
  let agentRequests = 0;
  let hostCpuMs = 0;
  let engineCpuMs: number | undefined;
  try {
    let counter: ReturnType<typeof recordRequests> | undefined;
    let hostCpu = process.cpuUsage();
    let engineBefore = new Map<number, number>();
    for (let i = 0; i < RUNS + 2; i++) {
      if (i === 2) {
        // Two warm-up runs done: count and time from here.
        counter = recordRequests(fromAgent);
        hostCpu = process.cpuUsage();
        engineBefore = engineCpu(enginePids(marksFile));
      }
      const requestedAt = wallNow();
      const id = must((await stack.client.request(CreateRun, { flowId })).create_flow_run?.id, "flow run id");
      await untilSuccess(stack.client, id);
      if (i >= 2) samples.push({ id, requestedAt, seenAt: wallNow() });
    }
    // The agent's last "Submitted" log line may still be on its way.
    await new Promise((r) => setTimeout(r, 200));
    counter?.stop();
    agentRequests = counter?.operations.length ?? 0;
    const used = process.cpuUsage(hostCpu);
    hostCpuMs = (used.user + used.system) / 1000;
    const engineAfter = engineCpu([...engineBefore.keys()]);
    if (engineBefore.size && engineAfter.size === engineBefore.size) {
      engineCpuMs = [...engineAfter].reduce((sum, [pid, ms]) => sum + ms - engineBefore.get(pid)!, 0);
    }
  } finally {
    await agent.stop();
    delete process.env.BENCH_MARKS_FILE;
    process.env.NODE_OPTIONS = process.env.NODE_OPTIONS?.replace(`--import ${ENGINE_MARKS}`, "").trim();
  }
  return { samples, agentRequests, hostCpuMs, engineCpuMs };
}

function readMarks(marksFile: string): { what: string; pid?: number; run?: string; at?: number }[] {
  return readFileSync(marksFile, "utf8")
    .split("\n")
    .filter(Boolean)
    .map((line) => JSON.parse(line) as { what: string; pid?: number; run?: string; at?: number });
}

interface FetchMark {
  what: "fetch";
  op: string;
  state?: string;
  run?: string;
  start: number;
  end: number;
}

const PHASES = [
  "create_flow_run request → run row created",
  "queue pickup: created → claimed (Submitted)",
  "handoff: claimed → engine at work (reading the run, or the claim's copy arrived over IPC)",
  "engine reads the run (0 when the claim's copy was handed over)",
  "run in hand → first write sent (flow load; the tasks too when the claim started the run)",
  "state writes (start + finish requests, summed)",
  "first write sent → final answer, less the writes (the tasks, when the engine wrote Running)",
  "Success stored → seen by the live query",
] as const;

/**
 * Splits one run's create→seen time into consecutive phases that add up to it exactly, from the
 * server's state history and the engine's marks (all on the same wall clock).
 */
async function phasesOf(client: TernClient, sample: Sample, marks: FetchMark[], ipcAt: Map<string, number>): Promise<number[]> {
  const history = must((await client.request(RunHistory, { id: sample.id })).flow_run_by_pk, "run history");
  const created = Date.parse(history.created);
  const submitted = Date.parse(must(history.states.find((s) => s.state === "Submitted"), "Submitted state").timestamp);
  const mine = marks.filter((m) => m.run === sample.id).sort((a, b) => a.start - b.start);
  // A warm engine handed the claim's copy of the run does not read it; it starts when the copy arrives.
  const read = mine.find((m) => m.op === "Engine_flowRun");
  const handedAt = ipcAt.get(sample.id);
  const atWork = read?.start ?? must(handedAt, "engine's read of the run or the IPC handoff");
  const inHand = read?.end ?? atWork;
  // The engine's state writes go out as write_run_batch: the first starts the run (flow + task
  // Running), the last ends it (lines + task and flow final states). When the agent's claim started
  // the run, a short run's one write is both.
  const writes = mine.filter((m) => m.op === "Engine_writeRunBatch");
  const first = must(writes[0], "the engine's first write");
  const finished = must(writes.findLast((m) => m.state !== "Running"), "final state write");
  const stateWrites = writes.reduce((sum, m) => sum + (m.end - m.start), 0);
  return [
    created - sample.requestedAt,
    submitted - created,
    atWork - submitted,
    inHand - atWork,
    first.start - inHand,
    stateWrites,
    finished.end - first.start - stateWrites,
    // Can come out a little below zero: the live query may deliver Success before a busy engine
    // process has read the answer to its own write.
    sample.seenAt - finished.end,
  ];
}

async function reportRuns(label: string, measured: Measured, marksFile: string, baseline?: { name: string; value: number }) {
  const { samples } = measured;
  const totals = samples.map((s) => s.seenAt - s.requestedAt);
  report({ name: `hello-flow create→Success, ${label} (p50)`, value: median(totals), unit: "ms", budget: 40, baseline });
  report({ name: `hello-flow create→Success, ${label} (p95)`, value: percentile(totals, 95), unit: "ms" });
  const all = readMarks(marksFile);
  const marks = all.filter((m) => m.what === "fetch") as FetchMark[];
  const measuredIds = new Set(samples.map((s) => s.id));
  const engineRequests = all.filter((m) => (m.what === "fetch" || m.what === "stream") && m.run && measuredIds.has(m.run)).length;
  report({ name: `${label}: engine HTTP requests per run (live queries included)`, value: engineRequests / samples.length, unit: "requests" });
  report({ name: `${label}: agent HTTP requests per run`, value: measured.agentRequests / samples.length, unit: "requests" });
  report({ name: `${label}: CPU per run, server + agent + bench client (one process)`, value: measured.hostCpuMs / samples.length, unit: "ms" });
  if (measured.engineCpuMs !== undefined) report({ name: `${label}: CPU per run, warm engines`, value: measured.engineCpuMs / samples.length, unit: "ms" });
  const ipcAt = new Map(all.filter((m) => m.what === "ipc").map((m) => [m.run!, m.at!]));
  const split = await Promise.all(samples.map((s) => phasesOf(stack.client, s, marks, ipcAt)));
  PHASES.forEach((phase, i) => {
    const values = split.map((phases) => phases[i]);
    report({ name: `  ${phase} (p50)`, value: median(values), unit: "ms" });
  });
}

const stack = await startTestStack();
process.env.TERN_HOME = stack.home;
process.env.TERN_QUIET = "1";
const { flowId } = await stack.register(join(import.meta.dirname, "../examples/hello-flow.ts"));

describeMachine();
console.log("(the phases are p50s of each phase on its own, so they need not add up to the p50 total)");
const marksDir = mkdtempSync(join(tmpdir(), "tern-bench-marks-"));
const spawnMarks = join(marksDir, "spawn.jsonl");
const spawned = await measureAgent(stack, flowId, () => new SpawnLauncher(), spawnMarks);
await reportRuns("spawn per run", spawned, spawnMarks);

const warmMarks = join(marksDir, "warm.jsonl");
const warm = await measureAgent(stack, flowId, () => new WarmPoolLauncher({ size: 2 }), warmMarks);
const spawnedTotals = spawned.samples.map((s) => s.seenAt - s.requestedAt);
await reportRuns("warm pool", warm, warmMarks, { name: "spawn per run", value: median(spawnedTotals) });
rmSync(marksDir, { recursive: true, force: true });

// Where the spawn-per-run time goes: a bare node start, node + tsx, and node + tsx + the engine's modules.
const timeProcess = (args: string[]) => {
  const samples: number[] = [];
  for (let i = 0; i < 5; i++) {
    const start = performance.now();
    spawnSync(process.execPath, args, { stdio: "ignore" });
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
}
report({ name: "engine in-process, one hello-flow run (p50)", value: median(inProcess), unit: "ms" });
for (const [name, samples] of perOp) {
  report({ name: `  ${name} ×${(samples.length / RUNS).toFixed(0)} per run (p50 each)`, value: median(samples), unit: "ms" });
}

await stack.close();
process.exit(0);
