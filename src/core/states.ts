/**
 * Prefect 1.x's state model, as a closed union. Every state name a run can hold, its parent in the
 * class hierarchy, and the predicates the rest of Tern asks of it (finished? running? successful?).
 * Pure data and functions: no I/O.
 */

export const STATE_NAMES = [
  "Pending",
  "Scheduled",
  "Paused",
  "Resume",
  "Retrying",
  "Submitted",
  "Queued",
  "ClientFailed",
  "Running",
  "Cancelling",
  "Finished",
  "Success",
  "Cached",
  "Mapped",
  "Skipped",
  "Failed",
  "TimedOut",
  "TriggerFailed",
  "ValidationFailed",
  "Looped",
  "Cancelled",
] as const;

export type StateName = (typeof STATE_NAMES)[number];

/** The parent of each state in Prefect's class hierarchy (`State` and `_MetaState` are abstract roots). */
export const STATE_PARENT: Record<StateName, StateName | "State" | "_MetaState"> = {
  Pending: "State",
  Scheduled: "Pending",
  Paused: "Scheduled",
  Resume: "Scheduled",
  Retrying: "Scheduled",
  Submitted: "_MetaState",
  Queued: "_MetaState",
  ClientFailed: "_MetaState",
  Running: "State",
  Cancelling: "Running",
  Finished: "State",
  Success: "Finished",
  Cached: "Success",
  Mapped: "Success",
  Skipped: "Success",
  Failed: "Finished",
  TimedOut: "Failed",
  TriggerFailed: "Failed",
  ValidationFailed: "Failed",
  Looped: "Finished",
  Cancelled: "Finished",
};

/** Colours follow the Prefect 1 UI so screenshots read the same to its users. */
export const STATE_COLOR: Record<StateName, string> = {
  Pending: "#b9dcff",
  Scheduled: "#ffbe1e",
  Paused: "#99a8e8",
  Resume: "#f58c0c",
  Retrying: "#fc7b09",
  Submitted: "#fff499",
  Queued: "#fff9c2",
  ClientFailed: "#eb0000",
  Running: "#27b1ff",
  Cancelling: "#e8e8e8",
  Finished: "#003483",
  Success: "#2cbe4e",
  Cached: "#74c367",
  Mapped: "#4067a2",
  Skipped: "#607583",
  Failed: "#eb0000",
  TimedOut: "#dc370b",
  TriggerFailed: "#c42800",
  ValidationFailed: "#eb0000",
  Looped: "#4c4cff",
  Cancelled: "#bdbdbd",
};

export function isStateName(value: unknown): value is StateName {
  return typeof value === "string" && (STATE_NAMES as readonly string[]).includes(value);
}

/** True when `state` is `ancestor` or one of its subclasses, e.g. `isA("TriggerFailed", "Failed")`. */
export function isA(state: StateName, ancestor: StateName): boolean {
  let current: string = state;
  while (current !== "State" && current !== "_MetaState") {
    if (current === ancestor) return true;
    current = STATE_PARENT[current as StateName];
  }
  return false;
}

export const isFinished = (s: StateName) => isA(s, "Finished");
export const isSuccessful = (s: StateName) => isA(s, "Success");
export const isFailed = (s: StateName) => isA(s, "Failed") || s === "ClientFailed";
export const isRunning = (s: StateName) => isA(s, "Running");
/** Scheduled-family states carry a `start_time`: the agent waits until then. */
export const isScheduled = (s: StateName) => isA(s, "Scheduled") || s === "Queued";
export const isPending = (s: StateName) => isA(s, "Pending") || s === "Submitted" || s === "Queued";

/** Coarse groups for filters and summaries, as the Prefect UI groups them. */
export type StateGroup = "Pending" | "Running" | "Finished";
export function stateGroup(s: StateName): StateGroup {
  if (isFinished(s)) return "Finished";
  if (isRunning(s)) return "Running";
  return "Pending";
}

/** Every finished state, for `_in` filters. */
export const FINISHED_STATES: StateName[] = STATE_NAMES.filter(isFinished);

/** Every failed state (the Failed family and ClientFailed), for `_in` filters. */
export const FAILED_STATES: StateName[] = STATE_NAMES.filter(isFailed);

/**
 * Whether a run may move from `from` to `to`. Prefect allows almost everything (a user may force any
 * state); what it forbids is leaving a finished state for anything but a fresh start (Scheduled,
 * Pending, Retrying, Resume: "restart") or an idempotent Cancelled, and going Running→Submitted.
 */
export function canTransition(from: StateName | null, to: StateName): boolean {
  if (from === null) return true;
  if (isFinished(from)) {
    return isPending(to) && to !== "Submitted" && to !== "Queued";
  }
  if (isRunning(from) && to === "Submitted") return false;
  if (from === "Cancelling") return isFinished(to) || to === "Cancelling";
  return true;
}

/**
 * States a person sets by hand ("mark as", as the Prefect 1 UI offers it): a finished state to record
 * how a run really ended, or Scheduled to run it again. The others are the runtime's bookkeeping
 * (Submitted, Retrying, Mapped, Looped, Cached, …) and mean nothing set by hand.
 */
const SET_BY_HAND: Record<StateName, boolean> = {
  Pending: false,
  Scheduled: true,
  Paused: false,
  Resume: false,
  Retrying: false,
  Submitted: false,
  Queued: false,
  ClientFailed: false,
  Running: false,
  Cancelling: false,
  Finished: true,
  Success: true,
  Cached: false,
  Mapped: false,
  Skipped: true,
  Failed: true,
  TimedOut: false,
  TriggerFailed: false,
  ValidationFailed: false,
  Looped: false,
  Cancelled: true,
};

/** The states a person may pick for a run now in `current` (its own state is no change). */
export function statesToSetByHand(current: StateName | null): StateName[] {
  return STATE_NAMES.filter((s) => SET_BY_HAND[s] && s !== current);
}

/** The serialized form Prefect 1 writes into `serialized_state` (the client can load it back). */
export interface SerializedState {
  type: StateName;
  message?: string | null;
  start_time?: string | null;
  run_count?: number;
  state?: SerializedState | null;
  context?: Record<string, unknown>;
  cached_inputs?: Record<string, unknown>;
  _result?: Record<string, unknown>;
  __version__?: string;
  [key: string]: unknown;
}
