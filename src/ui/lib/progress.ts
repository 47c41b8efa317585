import { isFailed, isFinished, isRunning, STATE_NAMES, type StateName } from "../../core/states.ts";

export interface ProgressSegment {
  state: StateName;
  count: number;
}

export interface Progress {
  finished: number;
  total: number;
  /** The states present, finished ones first (successes, then failures, then the rest), then running, then waiting. */
  segments: ProgressSegment[];
  /** The bar read out: "3 of 5 task runs finished: 2 Success, 1 Failed; 1 Running, 1 Pending". */
  text: string;
}

/** Where a state's segment sits in the bar: the finished work reads from the left. */
function rank(s: StateName): number {
  if (isFinished(s)) return isFailed(s) ? 1 : s === "Cancelled" ? 2 : 0;
  return isRunning(s) ? 3 : 4;
}

const part = (segments: ProgressSegment[]) => segments.map((s) => `${s.count} ${s.state}`).join(", ");

/** A run's task-run progress from per-state counts (see task-run-counts.ts). */
export function progressOf(byState: Record<StateName, number>, total: number): Progress {
  const segments = STATE_NAMES.map((state) => ({ state, count: byState[state] ?? 0 }))
    .filter((s) => s.count > 0)
    .sort((a, b) => rank(a.state) - rank(b.state));
  const done = segments.filter((s) => isFinished(s.state));
  const open = segments.filter((s) => !isFinished(s.state));
  const finished = done.reduce((n, s) => n + s.count, 0);
  if (total === 0) return { finished: 0, total: 0, segments: [], text: "No task runs yet." };
  const text = `${finished} of ${total} task runs finished${done.length ? `: ${part(done)}` : ""}${open.length ? `${done.length ? ";" : ":"} ${part(open)}` : ""}`;
  return { finished, total, segments, text };
}
