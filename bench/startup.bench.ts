/**
 * Start-up and idle memory, as a user meets them:
 * - `tern server start` → /healthz answers 200, and → the first GraphQL query answered (healthy must
 *   mean ready to serve it): median of 5 cold starts, each on a fresh SQLite file (so migrations run
 *   every time), against bare `node -e 0` and `node --import tsx -e 0`;
 * - idle RSS of a real server process plus a real agent process (default warm pool, its engine
 *   processes counted with it) after 10 s with nothing to do.
 */
import { spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { freePort } from "../src/testing/processes.ts";
import { describeMachine, median, report } from "./lib.ts";
import { cpuMs, memoryMb, PRINT_OWN_USAGE, processTree, startAgentProcess, startServerProcess, tern, ternMode, until200 } from "./processes.ts";

const STARTS = 5;
const IDLE_MS = 10_000;

const freshHome = () => mkdtempSync(join(tmpdir(), "tern-bench-startup-"));

interface Start {
  wallMs: number;
  cpuMs: number;
  rssMb?: number;
  /** Spawn → the first GraphQL answer, asked right after /healthz said 200. */
  firstQueryMs?: number;
}

/** Spawn → exit of `node [nodeArgs] -e <print own usage>`: wall time, and the CPU and memory it used. */
async function timeNode(nodeArgs: string[]): Promise<Start> {
  const start = performance.now();
  const printed = await new Promise<string>((resolve, reject) => {
    const child = spawn(process.execPath, [...nodeArgs, "-e", PRINT_OWN_USAGE], { stdio: ["ignore", "pipe", "ignore"] });
    let out = "";
    child.stdout.on("data", (c: Buffer) => (out += c));
    child.once("error", reject);
    child.once("exit", () => resolve(out));
  });
  const [cpu, rss] = printed.trim().split(" ").map(Number);
  return { wallMs: performance.now() - start, cpuMs: cpu, rssMb: rss };
}

/** Spawn of `tern server start` → first 200 from /healthz on a fresh home (fresh SQLite file), then → a query's answer. */
async function timeServerStart(fromSources: boolean): Promise<Start> {
  const home = freshHome();
  const port = await freePort();
  const start = performance.now();
  const server = tern(["server", "start", "--port", String(port)], { TERN_HOME: home, ...(fromSources ? { TERN_NO_BUNDLE: "1" } : {}) });
  try {
    await until200(`http://127.0.0.1:${port}/healthz`, server, 2);
    const healthy = { wallMs: performance.now() - start, cpuMs: cpuMs(server.child.pid!) };
    const answer = await fetch(`http://127.0.0.1:${port}/graphql`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ query: "{ project(limit: 1) { id name } }" }) });
    const body = (await answer.json()) as { data?: unknown };
    if (!body.data) throw new Error(`the first query after /healthz failed: ${JSON.stringify(body)}`);
    // bin/tern.mjs falls back to the sources as soon as one is newer than the bundle: a figure taken
    // while someone edits the checkout would be labelled "bundle" but measure the sources.
    if (!fromSources && ternMode() !== "bundle") throw new Error("a source file changed during the measurement, so the bundle was not used: run `npm run build:cli` and the bench again");
    return { ...healthy, firstQueryMs: performance.now() - start };
  } finally {
    await server.stop();
    rmSync(home, { recursive: true, force: true });
  }
}

async function medianOf(count: number, measure: () => Promise<Start>): Promise<Start> {
  const samples: Start[] = [];
  for (let i = 0; i < count; i++) samples.push(await measure());
  const of = (pick: (s: Start) => number | undefined) => median(samples.map((s) => pick(s) ?? Number.NaN));
  return { wallMs: of((s) => s.wallMs), cpuMs: of((s) => s.cpuMs), rssMb: of((s) => s.rssMb), firstQueryMs: of((s) => s.firstQueryMs) };
}

describeMachine();
const mode = ternMode();
console.log(`(tern runs from its ${mode}${mode === "sources" ? "; `npm run build` first to measure the bundle too" : ""})`);
const bare = await medianOf(STARTS, () => timeNode([]));
const withTsx = await medianOf(STARTS, () => timeNode(["--import", "tsx"]));
report({ name: "process start→exit: node -e (p50)", value: bare.wallMs, unit: "ms" });
report({ name: "process start→exit: node --import tsx -e (p50)", value: withTsx.wallMs, unit: "ms", baseline: { name: "node alone", value: bare.wallMs } });
// CPU time hardly depends on what else the machine is doing: the figure to read when it is busy.
report({ name: "  CPU used: node -e (p50)", value: bare.cpuMs, unit: "ms" });
report({ name: "  CPU used: node --import tsx -e (p50)", value: withTsx.cpuMs, unit: "ms", baseline: { name: "node alone", value: bare.cpuMs } });
for (const fromSources of mode === "bundle" ? [false, true] : [true]) {
  const how = fromSources ? "sources via tsx" : "bundle";
  const serverStart = await medianOf(STARTS, () => timeServerStart(fromSources));
  report({ name: `tern server start → /healthz 200 (${how}, p50 of ${STARTS})`, value: serverStart.wallMs, unit: "ms", budget: 500, baseline: { name: "node alone", value: bare.wallMs } });
  report({ name: `  → first GraphQL answer (${how}, p50)`, value: serverStart.firstQueryMs!, unit: "ms", baseline: { name: "healthy", value: serverStart.wallMs } });
  report({ name: `  CPU used until healthy (${how}, p50)`, value: serverStart.cpuMs, unit: "ms", baseline: { name: "node alone", value: bare.cpuMs } });
}

const home = freshHome();
const server = await startServerProcess(home);
try {
  const agent = await startAgentProcess(server.graphqlUrl, { label: "bench" }); // default --max-concurrent and --warm
  try {
    await new Promise((r) => setTimeout(r, IDLE_MS));
    const serverMb = memoryMb(server.child.pid!, "VmRSS");
    const agentMb = memoryMb(agent.child.pid!, "VmRSS");
    const engines = processTree(agent.child.pid!).slice(1);
    const enginesMb = engines.reduce((sum, pid) => sum + memoryMb(pid, "VmRSS"), 0);
    const nodeRss = { name: "node -e", value: bare.rssMb! };
    report({ name: "RSS: node -e (p50)", value: bare.rssMb!, unit: "MB" });
    report({ name: "RSS: node --import tsx -e (p50)", value: withTsx.rssMb!, unit: "MB", baseline: nodeRss });
    report({ name: `idle RSS after ${IDLE_MS / 1000} s: server`, value: serverMb, unit: "MB", baseline: nodeRss });
    report({ name: `idle RSS after ${IDLE_MS / 1000} s: agent process`, value: agentMb, unit: "MB", baseline: nodeRss });
    report({ name: `idle RSS after ${IDLE_MS / 1000} s: agent's ${engines.length} warm engines`, value: enginesMb, unit: "MB", baseline: { name: "node + tsx", value: withTsx.rssMb! * engines.length } });
    report({ name: "idle RSS: server + agent (without its engines)", value: serverMb + agentMb, unit: "MB", budget: 150 });
    report({ name: "idle RSS: server + agent + warm engines", value: serverMb + agentMb + enginesMb, unit: "MB", budget: 150 });
  } finally {
    await agent.stop();
  }
} finally {
  await server.stop();
  rmSync(home, { recursive: true, force: true });
}
process.exit(0);
