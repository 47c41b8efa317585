import { FAILED_STATES, isFailed, isSuccessful, STATE_NAMES, type StateName } from "../../core/states.ts";
import type { TimeMode } from "./format.ts";

/** The dashboard's time windows, as they appear in the URL (`?window=24h`). */
export const RUN_WINDOWS = ["1h", "24h", "7d"] as const;
export type RunWindow = (typeof RUN_WINDOWS)[number];

interface WindowSpec {
  bucketMs: number;
  buckets: number;
  /** Read after "in the": "runs in the last hour". */
  label: string;
}

const MIN = 60_000;
const HOUR = 60 * MIN;

/** Bucket sizes that give 12 to 28 bars, so every window's chart reads at the same density. */
const SPECS: Record<RunWindow, WindowSpec> = {
  "1h": { bucketMs: 5 * MIN, buckets: 12, label: "last hour" },
  "24h": { bucketMs: HOUR, buckets: 24, label: "last 24 hours" },
  "7d": { bucketMs: 6 * HOUR, buckets: 28, label: "last 7 days" },
};

export const windowLabel = (w: RunWindow) => SPECS[w].label;

export interface Bucket {
  /** Inclusive start and exclusive end, in ms since the epoch and as ISO strings for the API. */
  start: number;
  end: number;
  from: string;
  to: string;
}

/**
 * The window's buckets, oldest first. They are aligned to whole bucket sizes and the last one holds
 * `now`, so the buckets (and the query keys made from them) stay the same until a new bucket begins.
 */
export function windowBuckets(window: RunWindow, now: number): Bucket[] {
  const { bucketMs, buckets } = SPECS[window];
  const end = (Math.floor(now / bucketMs) + 1) * bucketMs;
  return Array.from({ length: buckets }, (_, i) => {
    const start = end - (buckets - i) * bucketMs;
    return { start, end: start + bucketMs, from: new Date(start).toISOString(), to: new Date(start + bucketMs).toISOString() };
  });
}

/** The whole window as one range: from the first bucket's start to the last one's end. */
export function windowRange(window: RunWindow, now: number): { since: string; until: string } {
  const buckets = windowBuckets(window, now);
  return { since: buckets[0].from, until: buckets[buckets.length - 1].to };
}

const pad = (n: number) => String(n).padStart(2, "0");

/** An axis tick: `14:05` within a day, `12-07 06:00` over a week; local or UTC as the user prefers. */
export function tickLabel(ms: number, window: RunWindow, mode: TimeMode): string {
  const d = new Date(ms);
  const [month, day, hours, minutes] = mode === "utc" ? [d.getUTCMonth(), d.getUTCDate(), d.getUTCHours(), d.getUTCMinutes()] : [d.getMonth(), d.getDate(), d.getHours(), d.getMinutes()];
  const clock = `${pad(hours)}:${pad(minutes)}${mode === "utc" ? "Z" : ""}`;
  return window === "7d" ? `${pad(month + 1)}-${pad(day)} ${clock}` : clock;
}

/**
 * The outcome groups a chart stacks and the summary counts. Every state falls in exactly one, so the
 * groups add up to the total.
 */
export const OUTCOMES = ["Succeeded", "Failed", "Cancelled", "Other"] as const;
export type Outcome = (typeof OUTCOMES)[number];

export function outcomeOf(state: StateName): Outcome {
  if (isSuccessful(state)) return "Succeeded";
  if (isFailed(state)) return "Failed";
  if (state === "Cancelled") return "Cancelled";
  return "Other";
}

/** The states of each outcome group, for `_in` filters. */
export const OUTCOME_STATES: Record<Outcome, StateName[]> = {
  Succeeded: STATE_NAMES.filter((s) => outcomeOf(s) === "Succeeded"),
  Failed: FAILED_STATES,
  Cancelled: ["Cancelled"],
  Other: STATE_NAMES.filter((s) => outcomeOf(s) === "Other"),
};

/** The state whose colour stands for the group in charts and legends. */
export const OUTCOME_COLOR_STATE: Record<Outcome, StateName> = { Succeeded: "Success", Failed: "Failed", Cancelled: "Cancelled", Other: "Running" };

/**
 * Failed runs as a share of the runs that ran to an outcome (succeeded or failed); cancelled and
 * unfinished runs say nothing about failure. Null when nothing finished.
 */
export function failureRate(succeeded: number, failed: number): number | null {
  const finished = succeeded + failed;
  return finished === 0 ? null : failed / finished;
}

/** `12%`, `0.4%`, `—`: a rate for the summary strip. */
export function formatRate(rate: number | null): string {
  if (rate === null) return "—";
  const pct = rate * 100;
  return `${pct > 0 && pct < 1 ? pct.toFixed(1) : Math.round(pct)}%`;
}

/** Round numbers for a count axis: 0, a nice step, …, at or above `max`. */
export function countTicks(max: number): number[] {
  if (max <= 0) return [0, 1];
  const rough = max / 4;
  const magnitude = 10 ** Math.floor(Math.log10(rough));
  const step = [1, 2, 5, 10].map((m) => m * magnitude).find((s) => s >= rough) ?? magnitude * 10;
  const top = Math.ceil(max / step) * step;
  return Array.from({ length: Math.round(top / step) + 1 }, (_, i) => Math.round(i * step));
}
