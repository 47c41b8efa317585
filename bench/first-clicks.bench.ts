/**
 * The first Quick Run clicks after start, as the person at the browser sees them: a fresh `tern
 * server start` and `tern agent local start` (as `npm start` gives them), the tutorial's flow
 * registered, Chromium opens the dashboard and then the flow page through its link, and Quick Run
 * is clicked 10 times, each from the flow page, once the processes and the page are idle.
 *
 * Each click is timed inside the page: from the click event (a capture-phase listener) to the
 * moment the run page shows the run's Success badge and every task row Success (a MutationObserver),
 * both on the page's own clock. Playwright's click (50–280 ms from call to event) and its polling
 * (re-checks after 20, 50, 100, 100, 500 ms) stay out of the figure: the page tells the bench
 * through an exposed function, nothing polls.
 *
 * Printed per click, ms after the click event: the create request sent and answered, the move to the
 * run page (pushState), the run page rendered (its tab list in the DOM), the run's stream subscribed
 * (sent, accepted), the run's first state shown, Success shown; then the server's own part
 * (create_flow_run stored → Success stored, its clock) and the page's main-thread CPU from the click
 * to Success (Chrome's counters, which a busy machine sways less than wall time). Then the first click
 * against the median of clicks 6–10 (budget 1.25×), and clicks 2–4 against 6–10.
 *
 * Then the browser's part alone: BENCH_FRESH_TABS (3) fresh tabs (new documents, their code never
 * run) against the server the clicks above have warmed, 3 clicks each, their first against the rest.
 *
 * BENCH_PAGE_PROF=<dir>: a CPU profile of the page (CDP Profiler) over the first click, the last and
 * the first fresh tab's, written there (read with `bench/profile-summary.ts`); BENCH_PAGE_TRACE=<dir>:
 * a Chrome trace of the same clicks, with the page's marks in it (read with `bench/trace-summary.ts`);
 * BENCH_ROUNDS=<n>: all of it n times from fresh starts, with the median of the rounds' ratios. Needs a
 * build (`npm run build`).
 * Run: `npm run bench -- first-clicks`.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { loadavg, tmpdir } from "node:os";
import { join } from "node:path";
import { chromium } from "@playwright/test";
import { parse } from "graphql";
import type { TypedDocumentNode } from "@graphql-typed-document-node/core";
import config from "../playwright.config.ts";
import { TernClient } from "../src/client/client.ts";
import { must } from "../src/client/must.ts";
import { RunHistory } from "./documents.ts";
import { describeMachine, median, report } from "./lib.ts";
import { processCpuMs, processTree, registerFlowFile, startAgentProcess, startServerProcess, ternMode } from "./processes.ts";

const CLICKS = 10;
const LABEL = "bench-first-clicks";
const FLOW_NAME = "hello-flow";
/** The tutorial flow's task count (examples/hello-flow.ts). */
const TASKS = 1;
/** The least time on the flow page before a click: about a person's, reading it. */
const SETTLE_MS = Number(process.env.BENCH_SETTLE_MS ?? 1500);
/** Idle: the programs used less CPU than this (and the page's main thread too) in a QUIET_WINDOW_MS. */
const QUIET_CPU_MS = 3;
const QUIET_WINDOW_MS = 300;
const PROFILE_DIR = process.env.BENCH_PAGE_PROF;
/** Then fresh tabs against the warmed server, FRESH_CLICKS each: the browser's first-use cost alone. */
const FRESH_TABS = Number(process.env.BENCH_FRESH_TABS ?? 3);
const FRESH_CLICKS = 3;
/**
 * BENCH_ROUNDS=<n>: the whole bench n times, each from a fresh start, and the median of the rounds'
 * ratios: one round's first click swings with what else the machine does in that second.
 */
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 1);
/** BENCH_PAGE_TRACE=<dir>: a Chrome trace of the same clicks as BENCH_PAGE_PROF (bench/trace-summary.ts reads it). */
const TRACE_DIR = process.env.BENCH_PAGE_TRACE;
const TRACE_CATEGORIES = ["devtools.timeline", "disabled-by-default-devtools.timeline", "v8", "v8.execute", "disabled-by-default-v8.compile", "blink.user_timing", "toplevel"];

const FlowGroup = parse("query Bench_flowGroup($id: uuid!) { flow_by_pk(id: $id) { flow_group_id } }") as TypedDocumentNode<
  { flow_by_pk: { flow_group_id: string } | null },
  { id: string }
>;

/** What the page records for one click (ms on the page's clock; `wall*` on the wall clock). */
interface ClickMarks {
  click: number;
  wallClick: number;
  createSent?: number;
  createAnswered?: number;
  navigated?: number;
  rendered?: number;
  streamSent?: number;
  streamAccepted?: number;
  firstState?: number;
  firstStateText?: string;
  green?: number;
}

/**
 * The page's probes, installed before any of its scripts: the click listener, a fetch wrapper that
 * marks the create and the run stream's subscription, a pushState wrapper, and the observer that
 * marks the run page's render, its first state and its Success with every task row Success.
 */
const PROBES = `(() => {
  const clicks = (window.__clicks = []);
  let current = null;
  const now = () => performance.now();
  addEventListener("click", (event) => {
    const button = event.target instanceof Element ? event.target.closest("button") : null;
    if (!button || button.textContent.trim() !== "Quick Run") return;
    current = { click: now(), wallClick: performance.timeOrigin + now() };
    performance.mark("bench:click");
    clicks.push(current);
  }, true);
  const fetch0 = window.fetch;
  window.fetch = function (input, init) {
    const c = current;
    const body = typeof init?.body === "string" ? init.body : "";
    const url = typeof input === "string" ? input : input instanceof URL ? input.href : input.url;
    let tag = null;
    if (c && !c.green && body.includes("create_flow_run") && c.createSent === undefined) tag = "create";
    else if (c && !c.green && url.includes("/graphql/stream") && body.includes("FlowRun_detail") && c.streamSent === undefined) tag = "stream";
    if (tag) { c[tag + "Sent"] = now(); performance.mark("bench:" + tag + "Sent"); }
    const answer = fetch0.apply(this, arguments);
    if (tag === "create") answer.then(() => { c.createAnswered = now(); performance.mark("bench:createAnswered"); }, () => {});
    if (tag === "stream") answer.then(() => { c.streamAccepted = now(); }, () => {});
    return answer;
  };
  const push0 = history.pushState;
  history.pushState = function (state, unused, url) {
    if (current && current.navigated === undefined && String(url).includes("/flow-run/")) { current.navigated = now(); performance.mark("bench:navigated"); }
    return push0.apply(this, arguments);
  };
  const check = () => {
    const c = current;
    if (!c || c.green !== undefined || !location.pathname.includes("/flow-run/")) return;
    if (c.rendered === undefined && document.querySelector('[role="tablist"][aria-label="Run views"]')) { c.rendered = now(); performance.mark("bench:rendered"); }
    const badge = document.querySelector('[role="status"][aria-label="Run state"]');
    if (!badge) return;
    const state = badge.textContent.trim();
    if (c.firstState === undefined) { c.firstState = now(); c.firstStateText = state; performance.mark("bench:firstState"); }
    if (state !== "Success") return;
    const rows = document.querySelectorAll('section[aria-labelledby="tile-task-runs"] table tbody tr');
    if (rows.length < ${TASKS}) return;
    for (const row of rows) if (!row.textContent.includes("Success")) return;
    c.green = now();
    performance.mark("bench:green");
    window.__benchGreen?.();
  };
  new MutationObserver(check).observe(document, { subtree: true, childList: true, characterData: true, attributes: true });
})()`;

type Click = ClickMarks & { name: string; serverMs: number; pageCpu: number; waited: number; files: string[] };

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describeMachine();
console.log(`(tern from its ${ternMode()})`);
/** One fresh start: server, agent, browser; the clicks; returns the first click's and clicks 2–4's ratios to clicks 6–10. */
async function round(): Promise<{ first: number; early: number }> {
  const home = mkdtempSync(join(tmpdir(), "tern-first-clicks-"));
  const server = await startServerProcess(home);
  const agent = await startAgentProcess(server.graphqlUrl, { label: LABEL });
  const browser = await chromium.launch(config.use?.launchOptions);
  try {
    process.env.TERN_QUIET = "1";
    const { flowId } = await registerFlowFile(server.graphqlUrl, join(import.meta.dirname, "../examples/hello-flow.ts"), "tutorial", [LABEL]);
    const client = new TernClient({ api: server.graphqlUrl });
    const flowGroupId = must((await client.request(FlowGroup, { id: flowId })).flow_by_pk, "flow").flow_group_id;

    const roots = [server.child.pid!, agent.child.pid!];
    const processesCpuMs = () => roots.flatMap((pid) => processTree(pid)).reduce((sum, pid) => sum + processCpuMs(pid), 0);

    /** A fresh browser context on the dashboard, then on the flow page through the flow's link, as a person goes. */
    const openTab = async () => {
      const context = await browser.newContext({ baseURL: server.url });
      const page = await context.newPage();
      const tab = { context, page, greenSeen: () => {} };
      await page.exposeFunction("__benchGreen", () => tab.greenSeen());
      await page.addInitScript(PROBES);
      const cdp = await context.newCDPSession(page);
      await cdp.send("Performance.enable");
      await page.goto("/");
      await page.getByRole("link", { name: FLOW_NAME, exact: true }).first().click();
      await page.waitForURL(`**/flow/${flowGroupId}**`);
      /** The page's main-thread CPU so far (Chrome's counter). */
      const cpuMs = async () => ((await cdp.send("Performance.getMetrics")).metrics.find((m) => m.name === "ThreadTime")?.value ?? 0) * 1000;
      /** At least `least` ms, then until the programs and the page's main thread are idle; returns how long that took. */
      const untilIdle = async (least: number) => {
        const started = performance.now();
        await sleep(least);
        for (let before = [processesCpuMs(), await cpuMs()]; ; ) {
          await sleep(QUIET_WINDOW_MS);
          const now = [processesCpuMs(), await cpuMs()];
          if (now[0]! - before[0]! < QUIET_CPU_MS && now[1]! - before[1]! < QUIET_CPU_MS) break;
          before = now;
        }
        return performance.now() - started;
      };
      /** One Quick Run from the flow page, timed in the page, then back to the flow page through the run's header. */
      const click = async (name: string, profile: boolean): Promise<Click> => {
        const quickRun = page.getByRole("button", { name: "Quick Run" });
        await quickRun.waitFor();
        const waited = await untilIdle(SETTLE_MS);
        if (profile && TRACE_DIR) await browser.startTracing(page, { categories: TRACE_CATEGORIES });
        if (profile && PROFILE_DIR) {
          await cdp.send("Profiler.enable");
          await cdp.send("Profiler.setSamplingInterval", { interval: 200 });
          await cdp.send("Profiler.start");
        }
        const green = new Promise<void>((resolve) => (tab.greenSeen = resolve));
        const cpuBefore = await cpuMs();
        await quickRun.click();
        await Promise.race([green, sleep(30_000).then(() => Promise.reject(new Error(`${name}: no Success within 30 s`)))]);
        const pageCpu = (await cpuMs()) - cpuBefore;
        if (profile && TRACE_DIR) {
          mkdirSync(TRACE_DIR, { recursive: true });
          writeFileSync(join(TRACE_DIR, `${name.replace(/\W+/g, "-")}.json`), await browser.stopTracing());
        }
        if (profile && PROFILE_DIR) {
          const { profile: taken } = await cdp.send("Profiler.stop");
          mkdirSync(PROFILE_DIR, { recursive: true });
          writeFileSync(join(PROFILE_DIR, `${name.replace(/\W+/g, "-")}.cpuprofile`), JSON.stringify(taken));
        }
        const marks = (await page.evaluate("window.__clicks.at(-1)")) as ClickMarks;
        // Files (not API requests, not the state favicon) fetched for this click: code the run page had not loaded yet.
        const files = (await page.evaluate(
          `performance.getEntriesByType("resource").filter((r) => r.startTime >= ${marks.click} && !/\\/graphql|favicon/.test(r.name)).map((r) => new URL(r.name).pathname)`,
        )) as string[];
        const runId = must(new URL(page.url()).pathname.split("/flow-run/")[1], "run id in the URL");
        const history = must((await client.request(RunHistory, { id: runId })).flow_run_by_pk, "run history");
        const success = Date.parse(must(history.states.find((s) => s.state === "Success"), "Success").timestamp);
        await page.getByRole("link", { name: FLOW_NAME, exact: true }).first().click();
        await page.waitForURL(`**/flow/${flowGroupId}**`);
        return { ...marks, name, serverMs: success - Date.parse(history.created), pageCpu, waited, files };
      };
      return { click, close: () => context.close() };
    };

    const tab = await openTab();
    const clicks: Click[] = [];
    for (let i = 0; i < CLICKS; i++) clicks.push(await tab.click(`click ${i + 1}`, Boolean(PROFILE_DIR || TRACE_DIR) && (i === 0 || i === CLICKS - 1)));
    await tab.close();
    // The browser's part apart from the server's: fresh tabs (new documents, new JavaScript heaps)
    // against the server and engines the clicks above have warmed.
    const fresh: Click[][] = [];
    for (let t = 0; t < FRESH_TABS; t++) {
      const tab = await openTab();
      const round: Click[] = [];
      for (let i = 0; i < FRESH_CLICKS; i++) round.push(await tab.click(`fresh tab ${t + 1} click ${i + 1}`, Boolean(PROFILE_DIR || TRACE_DIR) && t === 0));
      fresh.push(round);
      await tab.close();
    }

    const since = (c: ClickMarks, mark: number | undefined) => (mark === undefined ? "    —" : (mark - c.click).toFixed(0).padStart(5));
    const print = (c: Click) =>
      report({
        name: `${c.name}: click event → Success shown`,
        value: c.green! - c.click,
        unit: `ms   ${since(c, c.createSent)} ${since(c, c.createAnswered)} · ${since(c, c.navigated)} ${since(c, c.rendered)} · ${since(c, c.streamSent)} ${since(c, c.streamAccepted)} · ${since(c, c.firstState)} ${(c.firstStateText ?? "").padEnd(9)} · ${c.serverMs.toFixed(0).padStart(4)} · ${c.pageCpu.toFixed(0).padStart(4)} · ${(c.waited / 1000).toFixed(1)} s`,
      });
    console.log(`${"".padEnd(64)} (ms after the click event)  create: sent answered · run page: navigated rendered · stream: sent accepted · first state · server: created→Success · page CPU · idle wait`);
    clicks.forEach(print);
    fresh.flat().forEach(print);
    for (const c of [...clicks, ...fresh.flat()]) if (c.files.length) console.log(`(${c.name} fetched ${c.files.join(", ")})`);
    const times = clicks.map((c) => c.green! - c.click);
    const later = median(times.slice(5));
    report({ name: "first click / median of clicks 6–10", value: times[0]! / later, unit: "×", budget: 1.25 });
    report({ name: "median of clicks 2–4 / median of clicks 6–10", value: median(times.slice(1, 4)) / later, unit: "×", budget: 1.25 });
    const cpu = clicks.map((c) => c.pageCpu);
    report({ name: "page CPU: first click / median of clicks 6–10", value: cpu[0]! / median(cpu.slice(5)), unit: "×" });
    const serverMs = clicks.map((c) => c.serverMs);
    report({ name: "server created→Success: first / median of 6–10", value: serverMs[0]! / median(serverMs.slice(5)), unit: "×" });
    // The browser's own first-use cost, with the server warm: a fresh tab's first click against its later ones.
    const firsts = fresh.map((round) => round[0]!);
    const laters = fresh.flatMap((round) => round.slice(1));
    const ratio = (pick: (c: Click) => number) => median(firsts.map(pick)) / median(laters.map(pick));
    report({ name: `fresh tabs (${FRESH_TABS}), warm server: first / later clicks`, value: ratio((c) => c.green! - c.click), unit: "×" });
    report({ name: `fresh tabs, page CPU: first / later clicks`, value: ratio((c) => c.pageCpu), unit: "×" });
    report({ name: `fresh tabs, page CPU of the first click, median`, value: median(firsts.map((c) => c.pageCpu)), unit: "ms", baseline: { name: "later clicks", value: median(laters.map((c) => c.pageCpu)) } });
    report({ name: `fresh tabs, click → run page rendered, first click`, value: median(firsts.map((c) => c.rendered! - c.click)), unit: "ms", baseline: { name: "later clicks", value: median(laters.map((c) => c.rendered! - c.click)) } });
    if (PROFILE_DIR) console.log(`(page CPU profiles of clicks 1 and ${CLICKS} and of the first fresh tab's clicks in ${PROFILE_DIR})`);
    console.log(`(load average ${loadavg().map((l) => l.toFixed(1)).join(" ")} at the end)`);
    return { first: times[0]! / later, early: median(times.slice(1, 4)) / later };
  } finally {
    await browser.close();
    await agent.stop();
    await server.stop();
    rmSync(home, { recursive: true, force: true });
  }
}

const rounds: { first: number; early: number }[] = [];
for (let r = 0; r < ROUNDS; r++) {
  if (ROUNDS > 1) console.log(`\n— round ${r + 1} of ${ROUNDS} (fresh server, agent and browser)`);
  rounds.push(await round());
}
if (ROUNDS > 1) {
  console.log(`\nfirst click / median of clicks 6–10, each round: ${rounds.map((r) => r.first.toFixed(2)).join(" ")}`);
  report({ name: `first click / median of clicks 6–10, median of ${ROUNDS} rounds`, value: median(rounds.map((r) => r.first)), unit: "×", budget: 1.25 });
  report({ name: `clicks 2–4 / clicks 6–10, median of ${ROUNDS} rounds`, value: median(rounds.map((r) => r.early)), unit: "×", budget: 1.25 });
}
process.exit(0);
