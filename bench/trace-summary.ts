/**
 * `tsx bench/trace-summary.ts <trace.json>`: where the page's main thread spent a Quick Run click, from
 * a Chrome trace that `first-clicks.bench.ts` wrote with BENCH_PAGE_TRACE. The page's own marks
 * (bench:click, bench:navigated, bench:rendered, bench:green) cut it into phases; for each, the time in
 * tasks and the events that took the most of it (script, microtasks, compiling, style, layout, paint).
 * A first click against a later one shows what runs only the first time: compiling (V8.CompileCode,
 * V8.ParseFunction), first layouts.
 */
import { readFileSync } from "node:fs";

interface TraceEvent {
  name: string;
  ph: string;
  ts: number;
  dur?: number;
  pid: number;
  tid: number;
  args?: { name?: string };
}

const file = process.argv[2];
if (!file) {
  console.error("usage: tsx bench/trace-summary.ts <trace.json>");
  process.exit(1);
}
const raw = JSON.parse(readFileSync(file, "utf8")) as TraceEvent[] | { traceEvents: TraceEvent[] };
const events = Array.isArray(raw) ? raw : raw.traceEvents;
const click = events.find((e) => e.name === "bench:click");
if (!click) throw new Error(`${file} holds no bench:click mark`);
const mark = (name: string) => events.find((e) => e.name === `bench:${name}` && e.ts >= click.ts)?.ts;
const main = events.find((e) => e.ph === "M" && e.name === "thread_name" && e.args?.name === "CrRendererMain" && e.pid === click.pid);
if (!main) throw new Error("no renderer main thread in the trace");
const onMain = events.filter((e) => e.pid === click.pid && e.tid === main.tid && e.ph === "X");
/** The events worth naming; the rest (task wrappers, mojo) only count in the task total. */
const NAMED = /Compile|Parse|GC|Scavenge|Layout|UpdateLayoutTree|Paint|FunctionCall|RunMicrotasks|EventDispatch|TimerFire/;

const phases: [string, string, string][] = [
  ["click → navigated", "click", "navigated"],
  ["navigated → rendered", "navigated", "rendered"],
  ["rendered → Success shown", "rendered", "green"],
  ["click → Success shown", "click", "green"],
];
for (const [label, from, to] of phases) {
  const start = mark(from);
  const end = mark(to);
  if (start === undefined || end === undefined) continue;
  const inside = onMain.filter((e) => e.ts >= start && e.ts < end);
  const tasks = inside.filter((e) => e.name === "ThreadControllerImpl::RunTask").reduce((sum, e) => sum + (e.dur ?? 0) / 1000, 0);
  const byName = new Map<string, number>();
  for (const e of inside) if (NAMED.test(e.name)) byName.set(e.name, (byName.get(e.name) ?? 0) + (e.dur ?? 0) / 1000);
  const top = [...byName].sort((a, b) => b[1] - a[1]).slice(0, 10);
  console.log(`${label}: ${((end - start) / 1000).toFixed(1)} ms, ${tasks.toFixed(1)} ms in tasks`);
  console.log(`  ${top.map(([name, ms]) => `${name} ${ms.toFixed(1)}`).join(" | ")}`);
}
