/**
 * Start-up and idle memory, as a user meets them:
 * - `tern server start` → /healthz answers 200: median of 5 cold starts, each on a fresh SQLite file
 *   (so migrations run every time), against bare `node -e 0` and `node --import tsx -e 0`;
 * - idle RSS of a real server process plus a real agent process (default warm pool, its engine
 *   processes counted with it) after 10 s with nothing to do.
 */
import { spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { median, report } from "./lib.ts";
import { freePort, memoryMb, processTree, startAgentProcess, startServerProcess, tern, until200 } from "./processes.ts";

const STARTS = 5;
const IDLE_MS = 10_000;

const freshHome = () => mkdtempSync(join(tmpdir(), "tern-bench-startup-"));

/** Spawn → exit of `node <args>`, in ms. */
async function timeNode(args: string[]): Promise<number> {
  const start = performance.now();
  await new Promise<void>((resolve, reject) => {
    const child = spawn(process.execPath, args, { stdio: "ignore" });
    child.once("error", reject);
    child.once("exit", () => resolve());
  });
  return performance.now() - start;
}

/** Spawn of `tern server start` → first 200 from /healthz, in ms, on a fresh home (fresh SQLite file). */
async function timeServerStart(): Promise<number> {
  const home = freshHome();
  const port = await freePort();
  const start = performance.now();
  const server = tern(["server", "start", "--port", String(port)], { TERN_HOME: home });
  try {
    await until200(`http://127.0.0.1:${port}/healthz`, server, 2);
    return performance.now() - start;
  } finally {
    await server.stop();
    rmSync(home, { recursive: true, force: true });
  }
}

async function medianOf(count: number, measure: () => Promise<number>): Promise<number> {
  const samples: number[] = [];
  for (let i = 0; i < count; i++) samples.push(await measure());
  return median(samples);
}

console.log("(2 shared cores; other work runs on this machine at the same time, so read figures as indicative)");
const bare = await medianOf(STARTS, () => timeNode(["-e", "0"]));
const withTsx = await medianOf(STARTS, () => timeNode(["--import", "tsx", "-e", "0"]));
const serverStart = await medianOf(STARTS, timeServerStart);
report({ name: "process start→exit: node -e 0 (p50)", value: bare, unit: "ms" });
report({ name: "process start→exit: node --import tsx -e 0 (p50)", value: withTsx, unit: "ms", baseline: { name: "node alone", value: bare } });
report({ name: `tern server start → /healthz 200, fresh SQLite (p50 of ${STARTS})`, value: serverStart, unit: "ms", budget: 500, baseline: { name: "node + tsx", value: withTsx } });

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
    report({ name: `idle RSS after ${IDLE_MS / 1000} s: server`, value: serverMb, unit: "MB" });
    report({ name: `idle RSS after ${IDLE_MS / 1000} s: agent process`, value: agentMb, unit: "MB" });
    report({ name: `idle RSS after ${IDLE_MS / 1000} s: agent's ${engines.length} warm engines`, value: enginesMb, unit: "MB" });
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
