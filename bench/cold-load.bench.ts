/**
 * The dashboard's cold load, taken apart: a fresh browser context (empty cache) opens `/` on a fresh
 * server holding one registered flow, and the page itself marks when the flow's row first shows. Each
 * request the page made is printed on the same clock (navigation start = 0): when it was sent, when
 * its first byte came, when it ended, so the waterfall says which wait stands between the click on the
 * address bar and the first data. Long tasks (main-thread work over 50 ms) are listed too, and the page's
 * CPU to the first data (Chrome's counters), which a busy machine sways less than the wall times.
 * Needs a build (`npm run build`). Run: `npm run bench cold-load` (BENCH_WITH_AGENT=1: with an agent started beside it).
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { chromium } from "@playwright/test";
import config from "../playwright.config.ts";
import { describeMachine, median, report } from "./lib.ts";
import { registerFlowFile, startAgentProcess, startServerProcess } from "./processes.ts";

const LOADS = Number(process.env.BENCH_LOADS ?? 5);
const FLOW_NAME = "bench-three-tasks";

interface Waterfall {
  firstData: number;
  domContentLoaded: number;
  load: number;
  requests: { name: string; start: number; sent: number; firstByte: number; end: number; size: number }[];
  longTasks: { start: number; duration: number }[];
}

describeMachine();
const home = mkdtempSync(join(tmpdir(), "tern-cold-load-"));
const server = await startServerProcess(home);
// BENCH_WITH_AGENT=1: an agent starts beside the server, as `npm start` does, so its warm engines
// start up while the loads run (what bench:peer's UI phase measures).
const agent = process.env.BENCH_WITH_AGENT ? await startAgentProcess(server.graphqlUrl, { label: "bench" }) : undefined;
process.env.TERN_QUIET = "1";
await registerFlowFile(server.graphqlUrl, join(import.meta.dirname, "flows/three-tasks.ts"), "bench", ["bench"]);
const browser = await chromium.launch(config.use?.launchOptions);
const loads: Waterfall[] = [];
/** The page's CPU from navigation to the first data (Chrome's own counters), less load-sensitive than wall time. */
const cpu: { thread: number; process: number; script: number; compile: number; layout: number }[] = [];
const outside: number[] = [];
try {
  for (let i = 0; i < LOADS; i++) {
    const context = await browser.newContext({ baseURL: server.url });
    const page = await context.newPage();
    await page.addInitScript(`(() => {
      window.__longTasks = [];
      new PerformanceObserver((list) => { for (const e of list.getEntries()) window.__longTasks.push({ start: e.startTime, duration: e.duration }); }).observe({ type: "longtask", buffered: true });
      new MutationObserver((_, observer) => {
        for (const a of document.querySelectorAll("a")) if (a.textContent === ${JSON.stringify(FLOW_NAME)}) { window.__firstData = performance.now(); observer.disconnect(); return; }
      }).observe(document, { subtree: true, childList: true, characterData: true });
    })()`);
    const cdp = await context.newCDPSession(page);
    await cdp.send("Performance.enable");
    const metrics = async () => Object.fromEntries((await cdp.send("Performance.getMetrics")).metrics.map((m) => [m.name, m.value]));
    const before = await metrics();
    const start = performance.now();
    await page.goto("/");
    // Waiting on the page's mark, not a role locator: polling one costs the page's main thread tens of ms.
    await page.waitForFunction("window.__firstData");
    outside.push(performance.now() - start);
    const after = await metrics();
    const spent = (name: string) => ((after[name] ?? 0) - (before[name] ?? 0)) * 1000;
    cpu.push({ thread: spent("ThreadTime"), process: spent("ProcessTime"), script: spent("ScriptDuration"), compile: spent("V8CompileDuration"), layout: spent("LayoutDuration") + spent("RecalcStyleDuration") });
    await page.getByRole("link", { name: FLOW_NAME }).first().waitFor();
    await page.waitForFunction(() => document.readyState === "complete");
    loads.push(
      (await page.evaluate(`(() => {
        const nav = performance.getEntriesByType("navigation")[0];
        const path = (u) => new URL(u).pathname.replace(/^\\/assets\\//, "");
        return {
          firstData: window.__firstData,
          domContentLoaded: nav.domContentLoadedEventEnd,
          load: nav.loadEventEnd,
          requests: [nav, ...performance.getEntriesByType("resource")]
            .filter((r) => r.startTime <= window.__firstData + 50)
            .map((r) => ({ name: r.entryType === "navigation" ? "(document)" : r.initiatorType + " " + path(r.name), start: r.startTime, sent: r.requestStart, firstByte: r.responseStart, end: r.responseEnd, size: r.encodedBodySize })),
          longTasks: window.__longTasks,
        };
      })()`)) as Waterfall,
    );
    await context.close();
  }
} finally {
  await browser.close();
  await agent?.stop();
  await server.stop();
  rmSync(home, { recursive: true, force: true });
}

const last = loads.at(-1)!;
console.log(`Waterfall of the last load (ms from navigation start; first data at ${last.firstData.toFixed(0)}):`);
for (const r of last.requests) console.log(`  ${r.name.slice(0, 60).padEnd(60)} asked ${r.start.toFixed(0).padStart(5)}  sent ${r.sent.toFixed(0).padStart(5)}  first byte ${r.firstByte.toFixed(0).padStart(5)}  end ${r.end.toFixed(0).padStart(5)}  ${r.size} B`);
for (const t of last.longTasks) console.log(`  long task at ${t.start.toFixed(0)} for ${t.duration.toFixed(0)} ms`);
report({ name: `GraphQL requests before the first data (last load)`, value: last.requests.filter((r) => r.name.includes("/graphql") && r.start < last.firstData).length, unit: "requests" });
report({ name: `DOMContentLoaded, median of ${LOADS}`, value: median(loads.map((l) => l.domContentLoaded)), unit: "ms" });
report({ name: `load event, median of ${LOADS}`, value: median(loads.map((l) => l.load)), unit: "ms" });
report({ name: `first data shown (in the page), median of ${LOADS}`, value: median(loads.map((l) => l.firstData)), unit: "ms", budget: 400 });
report({ name: `page main-thread CPU, navigation → first data, median of ${LOADS}`, value: median(cpu.map((c) => c.thread)), unit: "ms" });
report({ name: `page process CPU, navigation → first data, median of ${LOADS}`, value: median(cpu.map((c) => c.process)), unit: "ms" });
report({ name: `  of which running scripts (wall), median of ${LOADS}`, value: median(cpu.map((c) => c.script)), unit: "ms" });
report({ name: `  of which compiling scripts (wall), median of ${LOADS}`, value: median(cpu.map((c) => c.compile)), unit: "ms" });
report({ name: `  of which style and layout (wall), median of ${LOADS}`, value: median(cpu.map((c) => c.layout)), unit: "ms" });
report({ name: `goto → first data noticed by the bench, median of ${LOADS}`, value: median(outside), unit: "ms", budget: 400 });
process.exit(0);
