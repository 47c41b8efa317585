/**
 * The first Quick Runs after start, each timed apart (create_flow_run → Success seen through a live
 * query), through the programs a user starts: `tern server start` and `tern agent local start` (with
 * its warm pool), then the tutorial's flow registered, as `npm start` and the tutorial go. Run 1
 * should cost what run 10 does. Runs start once the machine has settled (at least SETTLE_MS, then
 * until the server, agent and engines have been idle for a moment; how long that took is printed: on
 * a busy machine a pool can take longer than SETTLE_MS to start, and a run handed to an engine still
 * starting measures the load, not the first-run cost this bench is about).
 *
 * Prints every run split at its states' server timestamps (create request, queue pickup →
 * Submitted, handoff + flow load + start write → Running, tasks + final write → Success, live query
 * push), and the CPU time each process spent on it (from its create to 100 ms after its Success was
 * seen: every thread, Linux's schedstat): on a machine shared with other work the wall clock swings with the
 * load, while CPU time shows a run's first-use work apart from its waits for a core. Then the ratio
 * of the first run, and of runs 2–4, to the median of runs 6–10, in wall-clock and CPU time.
 *
 * The bench's own client is warmed before the settling, against a stand-in server of its own (see
 * warmBenchClient): its first live query used to be run 1's push (27–37 ms against 4–6 later, the
 * bench's compiling, not Tern's). The stand-in is not Tern, so no path of the server under test is
 * warmed by it, and the bench process itself must be idle too before run 1.
 * With BENCH_CPU_PROF, each run's window on the profiles' clock is printed, to cut them at it.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { TernClient } from "../src/client/client.ts";
import { must } from "../src/client/must.ts";
import { CreateRun, RunHistory } from "./documents.ts";
import { processCpuMs, processTree, registerFlowFile, startAgentProcess, startServerProcess, ternMode } from "./processes.ts";
import { untilSuccess } from "./until-success.ts";
import { describeMachine, median, report } from "./lib.ts";

const RUNS = 10;
/** The least time between registering the flow and the first run: about a person's, after `npm start`. */
const SETTLE_MS = Number(process.env.BENCH_SETTLE_MS ?? 3000);
/**
 * Idle means the programs used less CPU than this in a QUIET_WINDOW_MS. A profiled process
 * (BENCH_CPU_PROF) is never that quiet: its sampling thread alone takes several ms of every 300.
 */
const QUIET_CPU_MS = process.env.BENCH_CPU_PROF ? 40 : 3;
const QUIET_WINDOW_MS = 300;
const LABEL = "bench-first-runs";

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * The bench's own client meets a live query for the first time on run 1 (urql's subscription over
 * fetch, undici's streamed body, the SSE parsing, `untilSuccess`'s loop): its compiling would count
 * in run 1's push although it is no cost of Tern's. So the client first runs a few creates and
 * watches against a stand-in on a port of its own that answers as the server does (JSON for a
 * mutation; for a live query a ping, the run Running, then Success in a later write), and the
 * server under test sees none of it.
 */
async function warmBenchClient(): Promise<void> {
  const id = "00000000-0000-4000-8000-000000000000";
  const event = (state: string) => `event: next\ndata: ${JSON.stringify({ data: { flow_run_by_pk: { id, state } } })}\n\n`;
  const standIn = createServer((req, res) => {
    req.resume();
    req.on("end", () => {
      if (!req.headers.accept?.includes("text/event-stream")) {
        res.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify({ data: { create_flow_run: { id } } }));
        return;
      }
      res.writeHead(200, { "content-type": "text/event-stream", "cache-control": "no-cache" });
      res.write(`:\n\n${event("Running")}`);
      setTimeout(() => res.write(event("Success")), 5);
    });
  });
  await new Promise<void>((resolve) => standIn.listen(0, "127.0.0.1", resolve));
  const { port } = standIn.address() as AddressInfo;
  const client = new TernClient({ api: `http://127.0.0.1:${port}/graphql` });
  for (let i = 0; i < 5; i++) await untilSuccess(client, must((await client.request(CreateRun, { flowId: id })).create_flow_run?.id, "stand-in id"));
  standIn.closeAllConnections();
  await new Promise((resolve) => standIn.close(resolve));
}

describeMachine();
console.log(`(tern from its ${ternMode()})`);
const home = mkdtempSync(join(tmpdir(), "tern-first-runs-"));
const server = await startServerProcess(home);
const agent = await startAgentProcess(server.graphqlUrl, { label: LABEL });
const serverPid = server.child.pid!;
const agentPid = agent.child.pid!;
const engines = () => processTree(agentPid).filter((pid) => pid !== agentPid);
/** CPU ms so far of the server, the agent and the engines (each engine alive now, by pid). */
const cpuNow = () => ({ server: processCpuMs(serverPid), agent: processCpuMs(agentPid), engines: new Map(engines().map((pid) => [pid, processCpuMs(pid)])) });
const total = (c: ReturnType<typeof cpuNow>) => c.server + c.agent + [...c.engines.values()].reduce((a, b) => a + b, 0);
/** The bench's own CPU counts toward "idle" too: its client's compiling after its warm-up must be over before run 1. */
const totalWithBench = () => total(cpuNow()) + processCpuMs(process.pid);

try {
  process.env.TERN_QUIET = "1";
  // Before the settling, so that the bench's own compiling after it is over before run 1.
  await warmBenchClient();
  const started = performance.now();
  const { flowId } = await registerFlowFile(server.graphqlUrl, join(import.meta.dirname, "../examples/hello-flow.ts"), "tutorial", [LABEL]);
  await sleep(SETTLE_MS);
  for (let before = totalWithBench(); ; ) {
    await sleep(QUIET_WINDOW_MS);
    const now = totalWithBench();
    if (now - before < QUIET_CPU_MS && engines().length > 0) break;
    before = now;
  }
  console.log(`(first run ${((performance.now() - started) / 1000).toFixed(1)} s after the flow was registered; settle at least ${SETTLE_MS / 1000} s, then until idle)`);

  const client = new TernClient({ api: server.graphqlUrl });
  /** Wall-clock ms, comparable with the server's state timestamps on the same machine. */
  const wallNow = () => performance.timeOrigin + performance.now();
  const times: number[] = [];
  const splits: string[] = [];
  const cpu: { server: number; agent: number; engines: number }[] = [];
  for (let i = 0; i < RUNS; i++) {
    const cpuBefore = cpuNow();
    const startTicks = process.hrtime.bigint();
    const start = wallNow();
    const id = must((await client.request(CreateRun, { flowId })).create_flow_run?.id, "flow run id");
    await untilSuccess(client, id);
    const seen = wallNow();
    // The run's window on the monotonic clock V8's CPU profiles are stamped with (µs): to cut a profile at it.
    if (process.env.BENCH_CPU_PROF) console.log(`(run ${i + 1}: profile window ${startTicks / 1000n}–${process.hrtime.bigint() / 1000n + 100_000n} µs)`);
    times.push(seen - start);
    // The engine's last steps after its final write (its run's end, its answer to the agent) count too.
    await sleep(100);
    const cpuAfter = cpuNow();
    cpu.push({
      server: cpuAfter.server - cpuBefore.server,
      agent: cpuAfter.agent - cpuBefore.agent,
      engines: [...cpuAfter.engines].reduce((sum, [pid, ms]) => sum + ms - (cpuBefore.engines.get(pid) ?? 0), 0),
    });
    const history = must((await client.request(RunHistory, { id })).flow_run_by_pk, "run history");
    const at = (state: string) => Date.parse(must(history.states.find((s) => s.state === state), state).timestamp);
    const marks = [start, Date.parse(history.created), at("Submitted"), at("Running"), at("Success"), seen];
    splits.push(marks.slice(1).map((m, j) => (m - marks[j]!).toFixed(0).padStart(5)).join(" "));
  }
  console.log(`${"".padEnd(67)} create pickup  start  tasks   push (ms)   CPU ms: server agent engines`);
  times.forEach((t, i) =>
    report({
      name: `run ${i + 1} after start`,
      value: t,
      unit: `ms  ${splits[i]}   ${[cpu[i]!.server, cpu[i]!.agent, cpu[i]!.engines].map((c) => c.toFixed(1).padStart(6)).join(" ")}`,
    }),
  );
  const later = median(times.slice(5));
  report({ name: "first run / median of runs 6–10", value: times[0]! / later, unit: "×", budget: 1.5 });
  report({ name: "median of runs 2–4 / median of runs 6–10", value: median(times.slice(1, 4)) / later, unit: "×", budget: 1.5 });
  const cpuTotal = cpu.map((c) => c.server + c.agent + c.engines);
  const laterCpu = median(cpuTotal.slice(5));
  report({ name: "CPU of the first run / median of runs 6–10", value: cpuTotal[0]! / laterCpu, unit: "×" });
  report({ name: "CPU, median of runs 2–4 / median of runs 6–10", value: median(cpuTotal.slice(1, 4)) / laterCpu, unit: "×" });
} finally {
  await agent.stop();
  await server.stop();
  rmSync(home, { recursive: true, force: true });
}
process.exit(0);
