/**
 * `npm run bench:peer`: Tern beside its peer n8n, measured one after the other on this machine, and
 * printed as ratios (Tern / n8n) with the machine's load. The n8n side is the peer harness in
 * PEER_DIR (default ../shared/peer beside the repository; its README says how to install n8n under
 * PEER_ROOT); the Tern side mirrors its method:
 *   - UI (fresh start): dashboard cold load ×5 in fresh contexts, then on the flow page Quick Run
 *     click → the run and its 3 task runs shown Success, 1 first click apart + median of 5;
 *   - API (fresh start): idle RSS of every process 15 s after start (median of 10 samples), then
 *     create_flow_run → Success pushed on a live query opened before the first trigger, as the peer's
 *     push channel is (beside it, a live query on the run opened once the create answers, as the
 *     peer polls its REST API beside its push channel) (1 first + 2 warm-ups + 20 counted, 100 ms
 *     apart), then 200 runs fired one at a time and 20 in flight, until the API shows all successful
 *     (polled every 50 ms).
 * Needs a build (`npm run build`): the server serves dist/ and the bench runs the bundled CLI.
 * `BENCH_PEER_SKIP=1` runs the Tern side only.
 */
import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { loadavg, tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { chromium, type Page } from "@playwright/test";
import config from "../playwright.config.ts";
import { TernClient } from "../src/client/client.ts";
import { must } from "../src/client/must.ts";
import { CreateRun, FinishedCount } from "./documents.ts";
import { openPushChannel } from "./push-channel.ts";
import { untilSuccess } from "./until-success.ts";
import { median } from "./lib.ts";
import { memoryMb, processTree, registerFlowFile, type ServerProcess, startAgentProcess, startServerProcess, type Program } from "./processes.ts";
import { parse } from "graphql";
import type { TypedDocumentNode } from "@graphql-typed-document-node/core";

const ROOT = resolve(import.meta.dirname, "..");
const PEER_DIR = resolve(ROOT, process.env.PEER_DIR ?? "../shared/peer");
const PEER_ROOT = process.env.PEER_ROOT;
const LATENCY_RUNS = 20;
const THROUGHPUT_RUNS = 200;
const UI_CLICKS = 5;
const LABEL = "bench-peer";
const FLOW_FILE = join(import.meta.dirname, "flows/three-tasks.ts");

const FlowGroup = parse("query Bench_flowGroup($id: uuid!) { flow_by_pk(id: $id) { flow_group_id } }") as TypedDocumentNode<
  { flow_by_pk: { flow_group_id: string } | null },
  { id: string }
>;

/** The bench flow's task count (flows/three-tasks.ts). */
const TASKS = 3;
/** The run page's task-run rows (its "Task runs" tile). */
const taskRows = (page: Page) => page.getByRole("region", { name: "Task runs" }).getByRole("table").getByRole("row");
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const load = () => loadavg().map((l) => l.toFixed(1)).join(" ");
const log = (...parts: unknown[]) => console.log(new Date().toISOString().slice(11, 19), ...parts);

function peerMissing(): string | undefined {
  if (!existsSync(join(PEER_DIR, "bench.mjs"))) return `the peer harness is not at ${PEER_DIR} (set PEER_DIR to its folder)`;
  if (!PEER_ROOT) return "PEER_ROOT is not set (the folder n8n was installed into)";
  if (!existsSync(join(PEER_ROOT, "n8n/node_modules/.bin/n8n"))) return `n8n is not installed under ${PEER_ROOT}/n8n`;
  if (!existsSync(join(PEER_ROOT, "tools/node_modules/playwright-core"))) return `playwright-core is not installed under ${PEER_ROOT}/tools`;
  return undefined;
}

/** Starts a fresh Tern (server + agent with its warm pool, new database) with the three-task flow registered. */
async function startTern(): Promise<{ server: ServerProcess; agent: Program; home: string; flowId: string; flowGroupId: string; stop(): Promise<void> }> {
  const home = mkdtempSync(join(tmpdir(), "tern-peer-bench-"));
  const server = await startServerProcess(home);
  const agent = await startAgentProcess(server.graphqlUrl, { label: LABEL });
  process.env.TERN_QUIET = "1";
  const { flowId } = await registerFlowFile(server.graphqlUrl, FLOW_FILE, "bench", [LABEL]);
  const client = new TernClient({ api: server.graphqlUrl });
  const flowGroupId = must((await client.request(FlowGroup, { id: flowId })).flow_by_pk, "flow").flow_group_id;
  return {
    server,
    agent,
    home,
    flowId,
    flowGroupId,
    async stop() {
      await agent.stop();
      await server.stop();
      rmSync(home, { recursive: true, force: true });
    },
  };
}


async function ternUi() {
  const tern = await startTern();
  const browser = await chromium.launch(config.use?.launchOptions);
  try {
    // Cold loads: a fresh context each (empty cache), until the first data (the flow's row) is shown.
    // The page marks that moment itself (a MutationObserver): Playwright's role locator, polled until
    // the row shows, spent ~80 ms of the page's main thread (CPU profile of a load) and so delayed
    // what it measured. The bench now waits on the mark (a cheap predicate) and prints, beside it, when
    // it noticed (from its goto).
    const cold: { firstData: number; seen: number; load: number }[] = [];
    for (let i = 0; i < UI_CLICKS; i++) {
      const context = await browser.newContext({ baseURL: tern.server.url });
      const page = await context.newPage();
      await page.addInitScript(`new MutationObserver((_, observer) => {
        for (const a of document.querySelectorAll("a")) if (a.textContent === "bench-three-tasks") { window.__firstData = performance.now(); observer.disconnect(); return; }
      }).observe(document, { subtree: true, childList: true, characterData: true })`);
      const start = performance.now();
      await page.goto("/");
      const firstData = (await (await page.waitForFunction("window.__firstData")).jsonValue()) as number;
      const seen = performance.now() - start;
      await page.getByRole("link", { name: "bench-three-tasks" }).first().waitFor();
      await page.waitForFunction("document.readyState === 'complete'");
      const nav = await page.evaluate(() => (performance.getEntriesByType("navigation")[0] as PerformanceNavigationTiming).loadEventEnd);
      cold.push({ firstData, seen, load: nav });
      await context.close();
    }
    const page = await browser.newPage({ baseURL: tern.server.url });
    const clicks: number[] = [];
    for (let i = 0; i < UI_CLICKS + 1; i++) {
      await page.goto(`/flow/${tern.flowGroupId}`);
      const button = page.getByRole("button", { name: "Quick Run" });
      await button.waitFor();
      await sleep(500);
      const start = performance.now();
      await button.click();
      // Like the peer's bench (its 3 nodes show success): the run's state and every task run's row.
      await page.getByRole("status", { name: "Run state" }).filter({ hasText: /^Success$/ }).waitFor({ timeout: 30_000 });
      await taskRows(page).filter({ hasText: "Success" }).nth(TASKS - 1).waitFor({ timeout: 30_000 });
      clicks.push(performance.now() - start);
    }
    return {
      coldFirstData: median(cold.map((c) => c.firstData)),
      coldSeen: median(cold.map((c) => c.seen)),
      coldLoadEvent: median(cold.map((c) => c.load)),
      firstClick: clicks[0]!,
      warmClick: median(clicks.slice(1)),
    };
  } finally {
    await browser.close();
    await tern.stop();
  }
}

/** RSS of each process under `pids` (the server, the agent and its engines), in MiB, in tree order. */
function treeRssMiB(pids: number[]): number[] {
  const each: number[] = [];
  for (const pid of pids.flatMap((p) => processTree(p))) {
    try {
      each.push(memoryMb(pid, "VmRSS"));
    } catch {
      // gone between the listing and the read
    }
  }
  return each;
}

async function ternApi() {
  const tern = await startTern();
  const client = new TernClient({ api: tern.server.graphqlUrl });
  const roots = [tern.server.child.pid!, tern.agent.child.pid!];
  try {
    await sleep(15_000);
    const idle: number[] = [];
    let each: number[] = [];
    for (let i = 0; i < 10; i++) {
      each = treeRssMiB(roots);
      idle.push(each.reduce((a, b) => a + b, 0));
      await sleep(500);
    }
    log(`idle RSS by process, last sample (MiB): server ${each[0]?.toFixed(1)}, agent ${each[1]?.toFixed(1)}, engines ${each.slice(2).map((m) => m.toFixed(1)).join(", ")}`);
    // As the peer's bench: the push channel is open before the first trigger, and a second way of
    // hearing the result runs beside it (the peer polls its REST API; here a live query on the run,
    // opened once the create answers, as `untilSuccess` did on its own before).
    const channel = openPushChannel(client, tern.flowId);
    await channel.ready;
    const once = async () => {
      const start = performance.now();
      const id = must((await client.request(CreateRun, { flowId: tern.flowId })).create_flow_run?.id, "flow run id");
      const [pushedAt, watchedAt] = await Promise.all([channel.success(id), untilSuccess(client, id).then(() => performance.now())]);
      return { pushed: pushedAt - start, watched: watchedAt - start };
    };
    const first = await once();
    await sleep(200);
    await once();
    await once();
    const latencies: { pushed: number; watched: number }[] = [];
    for (let i = 0; i < LATENCY_RUNS; i++) {
      await sleep(100);
      latencies.push(await once());
    }
    await channel.close();
    const throughput = async (inFlight: number) => {
      await sleep(3000);
      const ids: string[] = [];
      const start = performance.now();
      let next = 0;
      const fire = async () => {
        while (next < THROUGHPUT_RUNS) {
          next++;
          ids.push(must((await client.request(CreateRun, { flowId: tern.flowId })).create_flow_run?.id, "flow run id"));
        }
      };
      await Promise.all(Array.from({ length: inFlight }, fire));
      for (;;) {
        const answer = await client.request(FinishedCount, { ids });
        if ((answer.failed.aggregate?.count ?? 0) > 0) throw new Error("a throughput run did not succeed");
        if ((answer.done.aggregate?.count ?? 0) >= ids.length) break;
        await sleep(50);
      }
      return ids.length / ((performance.now() - start) / 1000);
    };
    const sequential = await throughput(1);
    const inFlight20 = await throughput(20);
    return {
      idleRss: median(idle),
      firstPushed: first.pushed,
      pushed: median(latencies.map((l) => l.pushed)),
      watched: median(latencies.map((l) => l.watched)),
      firstWatched: first.watched,
      sequential,
      inFlight20,
    };
  } finally {
    await tern.stop();
  }
}

function runPeer(script: string, args: string[]): unknown {
  const out = join(mkdtempSync(join(tmpdir(), "peer-out-")), "out.json");
  const result = spawnSync(process.execPath, [join(PEER_DIR, script), join(PEER_ROOT!, "data/final"), out, ...args], {
    stdio: "inherit",
    env: { ...process.env, PEER_ROOT },
  });
  if (result.status !== 0) throw new Error(`${script} exited ${result.status}`);
  return JSON.parse(readFileSync(out, "utf8"));
}

interface Row {
  name: string;
  tern: number;
  peer?: number;
  unit: string;
  /** The goal: for the ratio Tern / n8n when `ratioGoal`, else for Tern's own figure. */
  goal: number;
  ratioGoal?: boolean;
  higherIsBetter?: boolean;
}

function printTable(rows: Row[], loads: string[]) {
  const fmt = (v: number | undefined) => (v === undefined ? "—" : v >= 100 ? v.toFixed(0) : v.toFixed(1));
  console.log(`\nTern beside n8n 1.123.50 (one machine, one after the other; load average 1/5/15 min at each phase: ${loads.join(" | ")})`);
  console.log(`${"".padEnd(58)} ${"Tern".padStart(8)} ${"n8n".padStart(8)}  ${"ratio".padStart(6)}  goal`);
  for (const row of rows) {
    const ratio = row.peer === undefined ? undefined : row.tern / row.peer;
    // A ratio row without the peer's figure has nothing to judge.
    const measured = row.ratioGoal ? ratio : row.tern;
    const pass = measured === undefined ? undefined : row.higherIsBetter ? measured >= row.goal : measured <= row.goal;
    const goal = `${row.higherIsBetter ? "≥" : "≤"} ${row.goal}${row.ratioGoal ? "" : ` ${row.unit}`}`;
    const verdict = pass === undefined ? "(no peer figure)" : pass ? "MET" : "NOT MET";
    console.log(
      `${`${row.name} (${row.unit})`.padEnd(58)} ${fmt(row.tern).padStart(8)} ${fmt(row.peer).padStart(8)}  ${(ratio === undefined ? "—" : ratio.toFixed(2)).padStart(6)}  ${goal.padEnd(10)} ${verdict}`,
    );
  }
}

const missing = process.env.BENCH_PEER_SKIP ? undefined : peerMissing();
if (missing) {
  console.error(`bench:peer: ${missing}.`);
  console.error(`Install the peer once (about 4 minutes, 1.7 GB) as ${join(PEER_DIR, "README.md")} says, then run PEER_ROOT=<that folder> npm run bench:peer.`);
  process.exit(1);
}
if (!existsSync(join(ROOT, "dist/index.html"))) {
  console.error("bench:peer: the dashboard is not built; run `npm run build` first.");
  process.exit(1);
}

const loads: string[] = [];
log("Tern: UI (fresh start)");
loads.push(`Tern UI ${load()}`);
const tUi = await ternUi();
log("Tern: API, memory, throughput (fresh start)");
loads.push(`Tern API ${load()}`);
const tApi = await ternApi();
log("Tern", JSON.stringify({ ...tUi, ...tApi }));

type PeerApi = {
  rssIdleMiB: { median: number };
  latency: { quickRun_manual: { pushFinishedMs: { median: number } } };
  throughput: { webhook_async_seq: { completionsPerSec_client: number }; webhook_async_c20: { completionsPerSec_client: number } };
};
type PeerUi = { signin: { signinFormVisibleMs: { median: number } }; uiQuickRun: { firstMs: number; median: number } };
let peerApi: PeerApi | undefined;
let peerUi: PeerUi | undefined;
if (!process.env.BENCH_PEER_SKIP) {
  log("n8n: API, memory, throughput (fresh start)");
  loads.push(`n8n API ${load()}`);
  peerApi = runPeer("bench.mjs", [String(LATENCY_RUNS), String(THROUGHPUT_RUNS)]) as PeerApi;
  log("n8n: UI (fresh start)");
  loads.push(`n8n UI ${load()}`);
  peerUi = runPeer("ui.mjs", [String(UI_CLICKS)]) as PeerUi;
}

printTable(
  [
    { name: "click Quick Run → every task green, warm (median of 5)", tern: tUi.warmClick, peer: peerUi?.uiQuickRun.median, unit: "ms", ratioGoal: true, goal: 0.5 },
    { name: "first click after start", tern: tUi.firstClick, peer: peerUi?.uiQuickRun.firstMs, unit: "ms", ratioGoal: true, goal: 1 },
    { name: "API trigger → Success pushed over a live query (median)", tern: tApi.pushed, peer: peerApi?.latency.quickRun_manual.pushFinishedMs.median, unit: "ms", ratioGoal: true, goal: 0.5 },
    { name: "runs/s, 20 in flight", tern: tApi.inFlight20, peer: peerApi?.throughput.webhook_async_c20.completionsPerSec_client, unit: "runs/s", ratioGoal: true, goal: 4, higherIsBetter: true },
    { name: "runs/s, sequential", tern: tApi.sequential, peer: peerApi?.throughput.webhook_async_seq.completionsPerSec_client, unit: "runs/s", ratioGoal: true, goal: 4, higherIsBetter: true },
    { name: "idle RSS, all processes", tern: tApi.idleRss, peer: peerApi?.rssIdleMiB.median, unit: "MiB", ratioGoal: true, goal: 0.5 },
    { name: "dashboard cold load → first data shown (Tern only)", tern: tUi.coldFirstData, unit: "ms", goal: 400 },
  ],
  loads,
);
console.log(`(Tern: first API run after start ${tApi.firstPushed.toFixed(0)} ms; Success heard on a live query opened after the create answered: median ${tApi.watched.toFixed(1)} ms, first run ${tApi.firstWatched.toFixed(0)} ms; cold load \`load\` event ${tUi.coldLoadEvent.toFixed(0)} ms, first data noticed by the bench ${tUi.coldSeen.toFixed(0)} ms after its goto${peerUi ? `; n8n sign-in form visible ${peerUi.signin.signinFormVisibleMs.median} ms` : ""})\n`);
process.exit(0);
