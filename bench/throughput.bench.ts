/**
 * Throughput: 500 runs of a 3-task flow through one real `tern server start` process and one real
 * `tern agent local start` process (warm pool), on SQLite and, when reachable, on PostgreSQL.
 * Runs/s is counted from the first create_flow_run to the last Success the server recorded. The
 * agent's --max-concurrent is tried at a few values; the best is the figure.
 * Baseline, same run, same server: the API calls those 500 runs make (the agent's claim, the
 * engine's reads and state writes, one log line), sent straight from this process without an
 * agent or any engine process: what the server alone can do.
 * Also the server's peak RSS while it does this (sampled VmRSS of its process, and VmHWM).
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import pg from "pg";
import { TernClient } from "../src/client/client.ts";
import { must } from "../src/client/must.ts";
import { CreateRun, FinishedCount, LastSuccess, RunForEngine, SetRunState, SetTaskState, WriteLog } from "./documents.ts";
import { describeMachine, report } from "./lib.ts";
import { cpuMs, memoryMb, processTree, registerFlowFile, startAgentProcess, startServerProcess, type ServerProcess, ternMode } from "./processes.ts";

// BENCH_RUNS shrinks it for a quick check that the bench still works; figures are read at 500.
const RUNS = Number(process.env.BENCH_RUNS ?? 500);
const CREATE_CONCURRENCY = 8;
const API_ONLY_CONCURRENCY = 16;
// BENCH_MAX_CONCURRENT="8" (a list) narrows the settings tried, e.g. for a profiled run.
const MAX_CONCURRENT_TRIED = (process.env.BENCH_MAX_CONCURRENT ?? "4,8,16").split(",").map(Number);
const LABEL = "bench";
const FLOW_FILE = join(import.meta.dirname, "flows/three-tasks.ts");
const BUDGET_RUNS_PER_S = 200;

/** Runs `work(i)` for i in 0..count-1 with at most `width` at once. */
async function inParallel<T>(count: number, width: number, work: (i: number) => Promise<T>): Promise<T[]> {
  const results: T[] = new Array(count);
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(width, count) }, async () => {
      while (next < count) {
        const i = next++;
        results[i] = await work(i);
      }
    }),
  );
  return results;
}

/** Samples the process's VmRSS every 50 ms until stopped; returns the highest seen. */
function sampleRss(pid: number) {
  let peak = memoryMb(pid, "VmRSS");
  const timer = setInterval(() => {
    try {
      peak = Math.max(peak, memoryMb(pid, "VmRSS"));
    } catch {
      // the process is gone; the peak so far stands
    }
  }, 50);
  return () => {
    clearInterval(timer);
    return peak;
  };
}

async function untilAllFinished(client: TernClient, ids: string[], timeoutMs = 300_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const counts = await client.request(FinishedCount, { ids });
    const done = counts.done.aggregate?.count ?? 0;
    const failed = counts.failed.aggregate?.count ?? 0;
    if (failed > 0) throw new Error(`${failed} of ${ids.length} runs did not succeed`);
    if (done === ids.length) return;
    if (Date.now() > deadline) throw new Error(`only ${done} of ${ids.length} runs finished in ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

/** Seconds from `startedAt` (epoch ms) to the last Success of `ids`, by the server's clock (same machine). */
async function secondsUntilLastSuccess(client: TernClient, ids: string[], startedAt: number): Promise<number> {
  const last = must((await client.request(LastSuccess, { ids })).flow_run_state_aggregate.aggregate?.max?.timestamp, "last Success");
  return (Date.parse(last) - startedAt) / 1000;
}

/**
 * What the agent and one engine ask of the server for one run of the 3-task flow, in order: create,
 * read the version, claim (Submitted), read the run, Running, each task Running and Success, one
 * log line, Success.
 */
async function replayOneRun(client: TernClient, flowId: string): Promise<string> {
  const id = must((await client.request(CreateRun, { flowId })).create_flow_run?.id, "flow run id");
  const queued = must((await client.request(RunForEngine, { id })).flow_run_by_pk, "flow run");
  await client.request(SetRunState, { id, version: queued.version, state: { type: "Submitted", message: "Submitted for execution" } });
  const run = must((await client.request(RunForEngine, { id })).flow_run_by_pk, "flow run");
  await client.request(SetRunState, { id, version: run.version, state: { type: "Running", message: "Running flow." } });
  for (const task of run.task_runs) {
    await client.request(SetTaskState, { id: task.id, version: task.version, state: { type: "Running", message: "Starting task run." } });
    await client.request(SetTaskState, { id: task.id, version: null, state: { type: "Success", message: "Task run succeeded." } });
  }
  await client.request(WriteLog, { runId: id, message: "Loaded 3 rows" });
  await client.request(SetRunState, { id, version: null, state: { type: "Success", message: "All reference tasks succeeded." } });
  return id;
}

interface Measured {
  runsPerSecond: number;
  peakRssMb: number;
  /** CPU the server process used per run: unlike runs/s, it hardly changes when the cores are shared. */
  serverCpuMsPerRun: number;
  /** CPU the agent and its engine processes used per run (0 without an agent). */
  agentCpuMsPerRun: number;
  /** The agent process's own share of that. */
  agentOwnCpuMsPerRun: number;
  /** GraphQL operations the server answered per run (the bench's own progress polls included). */
  requestsPerRun: number;
}

const treeCpuMs = (pid: number) => processTree(pid).reduce((sum, p) => sum + cpuMs(p), 0);

/** GraphQL operations the server has answered so far, from its /metrics. */
async function requestsServed(server: ServerProcess): Promise<number> {
  const text = await (await fetch(`${server.url}/metrics`)).text();
  return Number(must(/^tern_graphql_requests_total (\d+)/m.exec(text)?.[1], "tern_graphql_requests_total"));
}

async function measureApiOnly(server: ServerProcess, flowId: string): Promise<Measured> {
  const client = new TernClient({ api: server.graphqlUrl });
  const stopSampling = sampleRss(server.child.pid!);
  const serverCpuBefore = cpuMs(server.child.pid!);
  const requestsBefore = await requestsServed(server);
  const startedAt = Date.now();
  const ids = await inParallel(RUNS, API_ONLY_CONCURRENCY, () => replayOneRun(client, flowId));
  await untilAllFinished(client, ids);
  const serverCpuMsPerRun = (cpuMs(server.child.pid!) - serverCpuBefore) / RUNS;
  const seconds = await secondsUntilLastSuccess(client, ids, startedAt);
  const requestsPerRun = ((await requestsServed(server)) - requestsBefore) / RUNS;
  return { runsPerSecond: RUNS / seconds, peakRssMb: stopSampling(), serverCpuMsPerRun, agentCpuMsPerRun: 0, agentOwnCpuMsPerRun: 0, requestsPerRun };
}

/**
 * Waits until `pid` and its children use under 5% of a core (over half a second), or 30 s passed:
 * the agent's warm engines have loaded and warmed up.
 */
async function untilQuiet(pid: number): Promise<void> {
  const deadline = Date.now() + 30_000;
  await new Promise((r) => setTimeout(r, 1000));
  let before = treeCpuMs(pid);
  while (Date.now() < deadline) {
    await new Promise((r) => setTimeout(r, 500));
    const now = treeCpuMs(pid);
    if (now - before < 25) return;
    before = now;
  }
}

async function measureWithAgent(server: ServerProcess, flowId: string, maxConcurrent: number): Promise<Measured> {
  const client = new TernClient({ api: server.graphqlUrl });
  const agent = await startAgentProcess(server.graphqlUrl, { label: LABEL, maxConcurrent, warm: maxConcurrent });
  try {
    // The pool's engines load before runs arrive, as they would on a server that has been up a while:
    // on a busy machine that takes well over a second, and their start-up is no part of a run's CPU.
    await untilQuiet(agent.child.pid!);
    const stopSampling = sampleRss(server.child.pid!);
    const serverCpuBefore = cpuMs(server.child.pid!);
    const agentCpuBefore = treeCpuMs(agent.child.pid!);
    const agentOwnCpuBefore = cpuMs(agent.child.pid!);
    const requestsBefore = await requestsServed(server);
    const startedAt = Date.now();
    const ids = await inParallel(RUNS, CREATE_CONCURRENCY, async () => must((await client.request(CreateRun, { flowId })).create_flow_run?.id, "flow run id"));
    await untilAllFinished(client, ids);
    const serverCpuMsPerRun = (cpuMs(server.child.pid!) - serverCpuBefore) / RUNS;
    const agentCpuMsPerRun = (treeCpuMs(agent.child.pid!) - agentCpuBefore) / RUNS;
    const agentOwnCpuMsPerRun = (cpuMs(agent.child.pid!) - agentOwnCpuBefore) / RUNS;
    const seconds = await secondsUntilLastSuccess(client, ids, startedAt);
    const requestsPerRun = ((await requestsServed(server)) - requestsBefore) / RUNS;
    return { runsPerSecond: RUNS / seconds, peakRssMb: stopSampling(), serverCpuMsPerRun, agentCpuMsPerRun, agentOwnCpuMsPerRun, requestsPerRun };
  } catch (error) {
    throw new Error(`${error instanceof Error ? error.message : String(error)}\nagent output:\n${agent.output()}`);
  } finally {
    await agent.stop();
  }
}

/** Measures one database; returns the best --max-concurrent among `settings`. */
async function benchDatabase(label: string, databaseUrl: string | undefined, home: string, settings: number[], budget?: number): Promise<number | undefined> {
  const server = await startServerProcess(home, databaseUrl);
  try {
    const { flowId } = await registerFlowFile(server.graphqlUrl, FLOW_FILE, "bench", [LABEL]);
    // BENCH_AGENT_ONLY leaves the API-only baseline out (e.g. for a profile of the agent's runs alone).
    const apiOnly = process.env.BENCH_AGENT_ONLY ? undefined : await measureApiOnly(server, flowId);
    if (apiOnly) report({ name: `${label}: API calls of ${RUNS} runs, no agent (${API_ONLY_CONCURRENCY} at once)`, value: apiOnly.runsPerSecond, unit: "runs/s", lowerIsBetter: false });
    let best: (Measured & { maxConcurrent: number }) | undefined;
    for (const maxConcurrent of settings) {
      const measured = await measureWithAgent(server, flowId, maxConcurrent);
      report({ name: `${label}: ${RUNS} runs, agent --max-concurrent ${maxConcurrent}`, value: measured.runsPerSecond, unit: "runs/s", lowerIsBetter: false });
      if (!best || measured.runsPerSecond > best.runsPerSecond) best = { ...measured, maxConcurrent };
    }
    best = must(best, "a measured setting");
    report({
      name: `${label}: best, --max-concurrent ${best.maxConcurrent}`,
      value: best.runsPerSecond,
      unit: "runs/s",
      budget,
      lowerIsBetter: false,
      baseline: apiOnly && { name: "API only", value: apiOnly.runsPerSecond },
    });
    report({ name: `${label}:   server CPU per run, best setting`, value: best.serverCpuMsPerRun, unit: "ms", baseline: apiOnly && { name: "API only", value: apiOnly.serverCpuMsPerRun } });
    report({ name: `${label}:   GraphQL requests per run, best setting`, value: best.requestsPerRun, unit: "req", baseline: apiOnly && { name: "API only", value: apiOnly.requestsPerRun } });
    report({ name: `${label}:   agent + engines CPU per run, best setting`, value: best.agentCpuMsPerRun, unit: "ms" });
    report({ name: `${label}:     of which the agent process`, value: best.agentOwnCpuMsPerRun, unit: "ms" });
    report({ name: `${label}:   all processes' CPU per run, best setting`, value: best.serverCpuMsPerRun + best.agentCpuMsPerRun, unit: "ms" });
    // What one core given wholly to the server would sustain: the ceiling a busy machine hides.
    report({ name: `${label}:   runs/s one free core would give the server`, value: 1000 / best.serverCpuMsPerRun, unit: "runs/s", budget, lowerIsBetter: false });
    report({ name: `${label}: server peak RSS during the best setting (sampled)`, value: best.peakRssMb, unit: "MB", baseline: apiOnly && { name: "API only", value: apiOnly.peakRssMb } });
    report({ name: `${label}: server VmHWM over the whole bench`, value: memoryMb(server.child.pid!, "VmHWM"), unit: "MB" });
    return best.maxConcurrent;
  } catch (error) {
    console.log(`${label}: could not measure: ${error instanceof Error ? error.message : String(error)}\nserver output:\n${server.output()}`);
    return undefined;
  } finally {
    await server.stop();
  }
}

/** A fresh PostgreSQL database for this run, or undefined when no server answers. */
async function freshPostgres(): Promise<{ url: string; drop(): Promise<void> } | undefined> {
  const adminUrl = process.env.DATABASE_URL_TEST ?? "postgres://postgres@127.0.0.1:5432/test";
  const admin = new pg.Client({ connectionString: adminUrl, connectionTimeoutMillis: 1000 });
  try {
    await admin.connect();
  } catch {
    return undefined;
  }
  const name = `tern_bench_${process.pid}_${Date.now()}`;
  await admin.query(`CREATE DATABASE ${name}`); // the name is made here from digits, not from input
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    async drop() {
      await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await admin.end();
    },
  };
}

describeMachine();
console.log(`(tern runs from its ${ternMode()})`);
const home = mkdtempSync(join(tmpdir(), "tern-bench-throughput-"));
try {
  const best = await benchDatabase("SQLite", undefined, home, MAX_CONCURRENT_TRIED, BUDGET_RUNS_PER_S);
  const postgres = process.env.BENCH_SQLITE_ONLY ? undefined : await freshPostgres();
  if (!postgres) console.log(`PostgreSQL: ${process.env.BENCH_SQLITE_ONLY ? "left out (BENCH_SQLITE_ONLY)" : "not reachable at 127.0.0.1:5432 (or DATABASE_URL_TEST)"}; skipped`);
  else {
    try {
      // SQLite's best setting only: each setting is 500 more runs on a machine that others share.
      await benchDatabase("PostgreSQL", postgres.url, home, best ? [best] : MAX_CONCURRENT_TRIED, BUDGET_RUNS_PER_S);
    } finally {
      await postgres.drop();
    }
  }
} finally {
  rmSync(home, { recursive: true, force: true });
}
process.exit(0);
