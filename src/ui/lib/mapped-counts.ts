import { isFailed, isFinished, isRunning, isSuccessful, STATE_NAMES, type StateName } from "../../core/states.ts";
import { formatCount } from "./format.ts";

/**
 * How a mapped task's children are counted: one bucket per kind of outcome, each named after the state
 * that colours it. Pending is whatever the others leave (not started yet, waiting, retrying).
 */
export const CHILD_BUCKETS = ["Success", "Failed", "Cancelled", "Finished", "Running", "Pending"] as const satisfies readonly StateName[];
export type ChildBucket = (typeof CHILD_BUCKETS)[number];
type CountedBucket = Exclude<ChildBucket, "Pending">;

function bucketOf(state: StateName): ChildBucket {
  if (isFailed(state)) return "Failed";
  if (isSuccessful(state)) return "Success";
  if (isRunning(state)) return "Running";
  if (state === "Cancelled") return "Cancelled";
  if (isFinished(state)) return "Finished";
  return "Pending";
}

/** The state names behind each counted bucket, for the `_in` filters of the counts query. */
export const BUCKET_STATES = Object.fromEntries(
  CHILD_BUCKETS.filter((b): b is CountedBucket => b !== "Pending").map((b) => [b, STATE_NAMES.filter((s) => bucketOf(s) === b)]),
) as Record<CountedBucket, StateName[]>;

export type ChildCounts = Record<ChildBucket, number> & { total: number };

/** Counts per bucket from the aggregates; Pending takes the rest so the buckets always add up to the total. */
export function childCounts(total: number, counted: Record<CountedBucket, number>): ChildCounts {
  const rest = counted.Success + counted.Failed + counted.Cancelled + counted.Finished + counted.Running;
  return { ...counted, Pending: Math.max(0, total - rest), total };
}

/** Children that reached a finished state. */
export const finishedChildren = (c: ChildCounts) => c.Success + c.Failed + c.Cancelled + c.Finished;

/** The state a group reads as: any failure shows, then work in progress, then waiting, else success. */
export function groupState(c: ChildCounts): ChildBucket {
  if (c.Failed > 0) return "Failed";
  if (c.Running > 0) return "Running";
  if (c.Pending > 0 || c.total === 0) return "Pending";
  if (c.Cancelled > 0) return "Cancelled";
  return c.Finished > 0 ? "Finished" : "Success";
}

/** `7 Success, 1 Failed, 2 Pending`: the non-zero buckets, for names and tooltips. */
export function describeCounts(c: ChildCounts): string {
  const parts = CHILD_BUCKETS.filter((b) => c[b] > 0).map((b) => `${formatCount(c[b])} ${b}`);
  return parts.length ? parts.join(", ") : "no children yet";
}
