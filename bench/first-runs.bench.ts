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
 */
import { mkdtempSync, rmSync } from "node:fs";
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
/** Idle means the programs used less CPU than this in a QUIET_WINDOW_MS. */
const QUIET_CPU_MS = 3;
const QUIET_WINDOW_MS = 300;
const LABEL = "bench-first-runs";

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

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

try {
  process.env.TERN_QUIET = "1";
  const started = performance.now();
  const { flowId } = await registerFlowFile(server.graphqlUrl, join(import.meta.dirname, "../examples/hello-flow.ts"), "tutorial", [LABEL]);
  await sleep(SETTLE_MS);
  for (let before = total(cpuNow()); ; ) {
    await sleep(QUIET_WINDOW_MS);
    const now = total(cpuNow());
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
    const start = wallNow();
    const id = must((await client.request(CreateRun, { flowId })).create_flow_run?.id, "flow run id");
    await untilSuccess(client, id);
    const seen = wallNow();
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
