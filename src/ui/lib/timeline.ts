import { isFinished, isRunning, isStateName } from "../../core/states.ts";
import { type ChildCounts, groupState } from "./mapped-counts.ts";

export interface Segment {
  state: string;
  start: number;
  end: number;
}

/**
 * Turns a state history (oldest first) into segments: each state lasts until the next one; the last
 * lasts until now unless it is finished (then it is a zero-width marker at its time).
 */
export function timelineSegments(states: readonly { state: string; timestamp: string }[], now: number): Segment[] {
  return states.map((s, i) => {
    const start = Date.parse(s.timestamp);
    const next = states[i + 1];
    const end = next ? Date.parse(next.timestamp) : isStateName(s.state) && isFinished(s.state) ? start : Math.max(start, now);
    return { state: s.state, start, end };
  });
}

/**
 * Where the chart's time axis starts: the first moment anything ran (the flow run's start, or the first
 * Running segment, whichever is earlier; a task that finished without a Running state counts from its
 * finish). Time spent queued before that would squash the chart, so the page reports it apart. Null
 * while nothing has run yet.
 */
export function timelineOrigin(runStart: number | null, segments: readonly Segment[]): number | null {
  let origin = runStart ?? Number.POSITIVE_INFINITY;
  for (const s of segments) if (isStateName(s.state) && (isRunning(s.state) || isFinished(s.state)) && s.start < origin) origin = s.start;
  return Number.isFinite(origin) ? origin : null;
}

/** Segments as seen from `origin` on: earlier ones dropped, the one spanning it cut at it. */
export function clipSegments(segments: readonly Segment[], origin: number): Segment[] {
  return segments.filter((s) => s.end >= origin && !(s.end === origin && s.start < origin)).map((s) => ({ ...s, start: Math.max(s.start, origin) }));
}

/**
 * Tick offsets (ms from the origin) for an axis `span` long: a round step (1, 2 or 5 × a power of ten,
 * or a whole number of seconds, minutes or hours) giving at most `maxTicks` intervals.
 */
export function axisTicks(span: number, maxTicks = 6): number[] {
  if (!(span > 0)) return [0];
  const raw = span / maxTicks;
  const steps = [1, 2, 5, 10, 20, 50, 100, 200, 500, 1000, 2000, 5000, 10_000, 15_000, 30_000, 60_000, 120_000, 300_000, 600_000, 900_000, 1_800_000, 3_600_000];
  let step = steps.find((s) => s >= raw);
  if (step === undefined) {
    const hour = 3_600_000;
    const magnitude = 10 ** Math.floor(Math.log10(raw / hour));
    step = [1, 2, 5, 10].map((m) => m * magnitude * hour).find((s) => s >= raw) ?? 10 * magnitude * hour;
  }
  const ticks: number[] = [];
  for (let t = 0; t <= span + 1e-9; t += step) ticks.push(t);
  return ticks;
}

/** The states a chart shows, each once, in the order they first appear: the legend's entries. */
export function legendStates(segments: readonly Segment[]): string[] {
  return [...new Set(segments.map((s) => s.state))];
}

/**
 * A mapped task's row: one segment from its first child's start to its last child's end (or now, while
 * any child is unfinished), in the colour the group reads as.
 */
export function mappedSpan(group: { counts: ChildCounts; firstStart: number | null; lastEnd: number | null }, now: number): Segment[] {
  const { counts, firstStart, lastEnd } = group;
  if (firstStart === null) return [];
  const open = counts.Running + counts.Pending > 0;
  return [{ state: groupState(counts), start: firstStart, end: open ? Math.max(firstStart, now) : Math.max(firstStart, lastEnd ?? firstStart) }];
}
