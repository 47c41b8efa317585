import { canTransition, isFinished, isRunning, isStateName, type SerializedState, type StateName } from "../../core/states.ts";
import { formatMicros, timestampMicros, toTimestamp } from "../../core/timestamps.ts";
import { type Dialect, decodeRow, encodeRow } from "../db/codec.ts";
import { selectWhere, updateEncoded } from "../db/plain-sql.ts";
import type { Row } from "../db/tables.ts";
import { flushHeldTaskUpdates, type HeldTaskUpdate } from "./held-task-updates.ts";
import { badInput, notFound, serviceError } from "./errors.ts";
import { checkIdempotencyKey } from "./idempotency.ts";
import { enqueueNotifications } from "./notifications.ts";
import { insertRows, nowMicros, type Tx } from "./rows.ts";

/**
 * The one place a run's state changes: flow runs and task runs alike. Every write keeps a history row
 * and copies the state onto the run with a version compare-and-swap, so two writers that read the same
 * version (two agents claiming one run) cannot both win.
 *
 * Who may go where. A person or a client (`set_flow_run_states`, `set_task_run_states`: the dashboard,
 * the CLI, the real Prefect 1 client) may set any state from any state, as Prefect Server allows ("mark
 * as"), and so may the server itself (cancel, zombie killer): those writes pass `force`. Tern's own
 * runtime writes without it (the engine through `write_run_batch`, the agent's claim) and keeps the
 * strict transitions of `canTransition`, and an engine's task state lands only while its flow run
 * runs: once a person ends the run, nothing the engine still had in flight overwrites it. A `version`,
 * when sent, is checked on every path.
 *
 * A flow run that becomes Cancelled, by whatever path, takes its unfinished task runs with it.
 */

/** Prefect rejects set-state payloads over 1 MB. */
const MAX_STATE_BYTES = 1_000_000;
/** A run that was submitted this recently is not submitted again (Prefect Server's submitted-state lock). */
const SUBMITTED_LOCK_MS = 30_000;
const UUID_RE = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export type RunKind = "flow_run" | "task_run";

export interface StateWrite {
  /** The state JSON as the client sent it (`{type, message, start_time?, …}`). */
  state: unknown;
  /** When given, it must equal the run's current version (optimistic lock). */
  version?: number | null;
  /** Sets `flow_run.agent_id` on a Submitted state. */
  agentId?: string | null;
  /**
   * Any transition: a person's or client's write and the server's own (see the rule above). Without
   * it the write is Tern's runtime's: strict transitions, task states only under a running flow run.
   */
  force?: boolean;
  /**
   * Client-chosen key for this one write. A retry of a write that already landed (its answer was
   * lost) finds the key in the run's history and gets the stored result instead of a version error.
   */
  idempotencyKey?: string | null;
  /**
   * The run's row as the caller already read it, at any time before: spares this write its read.
   * The version compare-and-swap of the update still decides, so a stale row only loses the write.
   * A write that lands leaves this row as it stored it, so the caller's next write can start from it.
   */
  known?: RunRow;
  /** `agentId` names an agent the caller found: spares the check that it exists. */
  agentKnown?: boolean;
}

export interface StateWritten {
  id: string;
  state: StateName;
  version: number;
  /** Task runs this write moved too (a flow run's Cancelled cancels its unfinished task runs). */
  cascaded?: number;
}

/** The state a cancelled flow run's unfinished task runs end in. */
export const CANCELLED_TASK_STATE: SerializedState = { type: "Cancelled", message: "Flow run was cancelled." };

/** Checks a client's state JSON and returns it typed; anything else is BAD_USER_INPUT. */
export function parseState(value: unknown): SerializedState {
  if (!value || typeof value !== "object" || Array.isArray(value)) throw badInput("State must be a JSON object with a `type`.");
  const type = (value as { type?: unknown }).type;
  if (!isStateName(type)) throw badInput(`Unknown state type: ${JSON.stringify(type)?.slice(0, 80)}.`);
  const message = (value as { message?: unknown }).message;
  if (message !== undefined && message !== null && typeof message !== "string") throw badInput("State message must be a string.");
  if (JSON.stringify(value).length > MAX_STATE_BYTES) throw badInput("State payload is larger than 1 MB.");
  return value as SerializedState;
}

function stateStartTime(state: SerializedState): string | null {
  if (typeof state.start_time !== "string") return null;
  try {
    return toTimestamp(state.start_time);
  } catch {
    throw badInput(`Invalid state start_time: ${state.start_time}`);
  }
}

/** Only what the rules read: the serialized state (possibly large JSON) is not loaded. */
export const RUN_COLUMNS = ["id", "tenant_id", "version", "state", "state_timestamp", "start_time", "end_time"] as const;
/** A run's row as the state rules read it (decoded). */
export type RunRow = Pick<Row<"flow_run">, (typeof RUN_COLUMNS)[number]> & { flow_run_id?: string };

const TASK_RUN_COLUMNS = [...RUN_COLUMNS, "flow_run_id"] as const;

async function loadRun(tx: Tx, dialect: Dialect, kind: RunKind, id: string): Promise<RunRow | undefined> {
  const [row] = await selectWhere<RunRow>(tx, dialect, kind, kind === "task_run" ? TASK_RUN_COLUMNS : RUN_COLUMNS, { id });
  return row ? decodeRow(kind, row) : undefined;
}

/**
 * What one batch of task-run writes (`write_run_batch`) reads once instead of once a write: the task
 * runs it writes, which of its idempotency keys already landed, and each flow run's state (no flow
 * run changes state among a batch's task writes). A mapped task's thousands of children make such
 * batches; this takes three of a write's five queries away, and their history rows go in together
 * ({@link insertHeldHistory}, which the batch calls before it commits).
 */
export interface TaskWriteMemo {
  runs: Map<string, RunRow>;
  landedKeys: Set<string>;
  flowStates: Map<string, string | null>;
  /** History rows written by the batch, not inserted yet. */
  history: Partial<Row<"task_run_state">>[];
  /** The batch's own keyed writes: the same key twice in one batch stores once. */
  written: Map<string, StateWritten>;
  /**
   * When set, each task run's row changes are held here (one entry a run, its writes merged) and
   * stored together by {@link storeHeldTaskWrites}: one statement per few hundred runs instead of one
   * per write. The version compare-and-swap still holds, for the whole set at once.
   */
  updates?: Map<string, HeldTaskUpdate>;
}

const MEMO_CHUNK = 500;

/** Reads what {@link TaskWriteMemo} holds for these task-run writes. */
export async function taskWriteMemo(tx: Tx, writes: { id: string; idempotencyKey?: string | null }[], options: { holdUpdates?: boolean } = {}): Promise<TaskWriteMemo> {
  const memo: TaskWriteMemo = { runs: new Map(), landedKeys: new Set(), flowStates: new Map(), history: [], written: new Map() };
  if (options.holdUpdates) memo.updates = new Map();
  const ids = [...new Set(writes.map((w) => w.id))].filter((id) => UUID_RE.test(id));
  for (let i = 0; i < ids.length; i += MEMO_CHUNK) {
    const rows = await tx.selectFrom("task_run").select([...RUN_COLUMNS, "flow_run_id"]).where("id", "in", ids.slice(i, i + MEMO_CHUNK)).execute();
    for (const row of rows) memo.runs.set(row.id, decodeRow("task_run", row));
  }
  // The written runs' keyed history rows, by the unique index's leading column (a run has a few),
  // matched here: an IN on both columns makes SQLite probe every pair.
  const keys = new Set(writes.flatMap((w) => (w.idempotencyKey ? [w.idempotencyKey] : [])));
  const keyedIds = [...new Set(writes.filter((w) => w.idempotencyKey).map((w) => w.id))].filter((id) => UUID_RE.test(id));
  for (let i = 0; i < keyedIds.length; i += MEMO_CHUNK) {
    const landed = await tx
      .selectFrom("task_run_state")
      .select("idempotency_key")
      .where("task_run_id", "in", keyedIds.slice(i, i + MEMO_CHUNK))
      .where("idempotency_key", "is not", null)
      .execute();
    for (const row of landed) if (row.idempotency_key && keys.has(row.idempotency_key)) memo.landedKeys.add(row.idempotency_key);
  }
  return memo;
}

/**
 * Stores what a batch's task writes held in `memo`: the runs' new states, then their history rows.
 * Throws {@link HeldUpdateConflict} when a run's version moved since the memo read it.
 */
export async function storeHeldTaskWrites(tx: Tx, dialect: Dialect, memo: TaskWriteMemo): Promise<void> {
  if (memo.updates?.size) {
    const updates = [...memo.updates.values()];
    memo.updates.clear();
    await flushHeldTaskUpdates(tx, dialect, updates);
  }
  const rows = memo.history.splice(0);
  for (let i = 0; i < rows.length; i += MEMO_CHUNK) await insertRows(tx, dialect, "task_run_state", rows.slice(i, i + MEMO_CHUNK));
}

/** The history row an earlier delivery of the same keyed write left, if any. */
function findKeyedWrite(tx: Tx, kind: RunKind, id: string, key: string) {
  return kind === "flow_run"
    ? tx.selectFrom("flow_run_state").select(["state", "version"]).where("flow_run_id", "=", id).where("idempotency_key", "=", key).executeTakeFirst()
    : tx.selectFrom("task_run_state").select(["state", "version"]).where("task_run_id", "=", id).where("idempotency_key", "=", key).executeTakeFirst();
}

/**
 * The timestamp of a run's next state: now, but always after its current state's. A run's history is
 * read in time order, and several of its states often land within one millisecond (one batch from the
 * engine holds a task's Retrying and its next Running); equal times would sort in any order.
 * `now` is in epoch microseconds.
 */
export function stateTimestamp(previous: string | null | undefined, now = nowMicros()): string {
  const after = previous ? timestampMicros(previous) + 1 : Number.NEGATIVE_INFINITY;
  return formatMicros(Math.max(now, after));
}

/**
 * Writes `write.state` onto run `id` inside `tx` (the caller owns the transaction and publishes after
 * commit). Throws coded errors for unknown runs, bad states, version mismatches and refused transitions.
 */
export async function writeRunState(tx: Tx, dialect: Dialect, kind: RunKind, id: string, write: StateWrite, memo?: TaskWriteMemo): Promise<StateWritten> {
  const state = parseState(write.state);
  checkIdempotencyKey(write.idempotencyKey);
  const run = write.known ?? (kind === "task_run" ? memo?.runs.get(id) : undefined) ?? (await loadRun(tx, dialect, kind, id));
  if (!run) throw notFound(`${kind === "flow_run" ? "Flow run" : "Task run"} ${id} not found.`);
  const earlier = write.idempotencyKey ? memo?.written.get(write.idempotencyKey) : undefined;
  if (earlier) return earlier;
  if (write.idempotencyKey && (!memo || memo.landedKeys.has(write.idempotencyKey))) {
    const landed = await findKeyedWrite(tx, kind, id, write.idempotencyKey);
    if (landed) return { id, state: landed.state as StateName, version: landed.version ?? run.version };
  }
  const current = isStateName(run.state) ? run.state : null;

  if (write.version !== undefined && write.version !== null && write.version !== run.version) {
    throw serviceError("VERSION_LOCKING_ERROR", `State update failed: version mismatch (sent ${write.version}, current ${run.version}).`);
  }
  const now = stateTimestamp(run.state_timestamp);
  if (state.type === "Submitted" && current === "Submitted" && run.state_timestamp && Date.parse(now) - Date.parse(run.state_timestamp) < SUBMITTED_LOCK_MS) {
    throw serviceError("ALREADY_SUBMITTED", "State update failed: this run has already been submitted.");
  }
  if (kind === "task_run" && (state.type === "Running" || !write.force)) {
    // A task starts only inside a Running flow run (Prefect Server's rule too); the runtime's other task
    // states only while the flow run runs or is being cancelled.
    const flowRunId = run.flow_run_id!;
    const stored = memo?.flowStates.has(flowRunId)
      ? memo.flowStates.get(flowRunId)
      : ((await selectWhere<{ state: string | null }>(tx, dialect, "flow_run", ["state"], { id: flowRunId }))[0]?.state ?? null);
    memo?.flowStates.set(flowRunId, stored ?? null);
    const flowState = isStateName(stored) ? stored : null;
    if (state.type === "Running" ? flowState !== "Running" : !flowState || !isRunning(flowState)) {
      throw serviceError("FLOW_RUN_NOT_RUNNING", `State update failed: the flow run is ${stored ?? "missing"}, not Running.`);
    }
  }

  if (!write.force && !canTransition(current, state.type)) {
    throw serviceError("INVALID_TRANSITION", `State update failed: cannot go from ${current} to ${state.type}.`);
  }

  const startTime = stateStartTime(state);
  const message = typeof state.message === "string" ? state.message : null;
  const version = run.version + 1;
  const patch: Partial<Row<RunKind>> = {
    state: state.type,
    serialized_state: state,
    state_start_time: startTime,
    state_timestamp: now,
    state_message: message,
    version,
    updated: now,
  };
  if (state.type === "Running") patch.start_time = run.start_time && run.start_time < now ? run.start_time : now;
  if (isFinished(state.type)) patch.end_time = run.end_time && run.end_time > now ? run.end_time : now;
  let claimedBy: string | undefined;
  if (kind === "flow_run" && state.type === "Submitted" && write.agentId && UUID_RE.test(write.agentId)) {
    // A header naming an agent this server does not know (another database, a stale id) is ignored
    // rather than failing the claim on the foreign key.
    const agentId = write.agentId.toLowerCase();
    if (write.agentKnown || (await tx.selectFrom("agent").select("id").where("id", "=", agentId).executeTakeFirst())) claimedBy = agentId;
  }

  const held = kind === "task_run" && memo?.updates && memo.runs.has(id);
  if (held) {
    // Merged in order, so the row ends as the batch's writes one after another would leave it.
    const update = memo.updates!.get(id);
    if (update) Object.assign(update.patch, patch);
    else memo.updates!.set(id, { id, fromVersion: run.version, patch: { ...patch } });
  }
  // Compare-and-swap on the version read above: a concurrent writer that got there first makes this
  // match no row, and the caller's transaction is rolled back with the same error a stale version gets.
  const updated = held
    ? 1
    : await updateEncoded(tx, dialect, kind, claimedBy ? encodeRow("flow_run", { ...patch, agent_id: claimedBy }, dialect) : encodeRow(kind, patch, dialect), {
        id,
        version: run.version,
      });
  if (updated !== 1) {
    // The concurrent writer may be an earlier delivery of this very write (a retry sent while the
    // first was still being stored): once it committed, its history row answers for this one.
    const landed = write.idempotencyKey ? await findKeyedWrite(tx, kind, id, write.idempotencyKey) : undefined;
    if (landed) return { id, state: landed.state as StateName, version: landed.version ?? run.version + 1 };
    throw serviceError("VERSION_LOCKING_ERROR", "State update failed: version mismatch (the run changed concurrently).");
  }
  const history = {
    id: crypto.randomUUID(),
    tenant_id: run.tenant_id,
    timestamp: now,
    state: state.type,
    message,
    start_time: startTime,
    serialized_state: state,
    version,
    idempotency_key: write.idempotencyKey ?? null,
  };
  if (kind === "flow_run") {
    await insertRows(tx, dialect, "flow_run_state", [{ ...history, flow_run_id: id }]);
    await enqueueNotifications(tx, dialect, id, state.type, message);
  } else if (memo) memo.history.push({ ...history, task_run_id: id });
  else await insertRows(tx, dialect, "task_run_state", [{ ...history, task_run_id: id }]);
  // The batch's (or the caller's) next write to this run starts from what this one stored.
  const stored = { version, state: state.type, state_timestamp: now, start_time: patch.start_time ?? run.start_time, end_time: patch.end_time ?? run.end_time };
  if (write.known) Object.assign(write.known, stored);
  else if (kind === "task_run" && memo?.runs.has(id)) memo.runs.set(id, { ...run, ...stored });
  if (memo && write.idempotencyKey) memo.written.set(write.idempotencyKey, { id, state: state.type, version });
  const cascaded = kind === "flow_run" && state.type === "Cancelled" ? await finishTaskRuns(tx, dialect, id, CANCELLED_TASK_STATE) : 0;
  return cascaded ? { id, state: state.type, version, cascaded } : { id, state: state.type, version };
}

/** Moves every unfinished task run of a flow run to `state` (cancel, zombie); returns how many. */
export async function finishTaskRuns(tx: Tx, dialect: Dialect, flowRunId: string, state: SerializedState): Promise<number> {
  const taskRuns = await tx.selectFrom("task_run").select(["id", "state"]).where("flow_run_id", "=", flowRunId).execute();
  let moved = 0;
  for (const tr of taskRuns) {
    if (isStateName(tr.state) && isFinished(tr.state)) continue;
    await writeRunState(tx, dialect, "task_run", tr.id, { state, force: true });
    moved++;
  }
  return moved;
}
