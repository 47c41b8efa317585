import { isFinished, isRunning, isStateName, type SerializedState } from "../../core/states.ts";
import { type Dialect, encodeRow, encodeValue, toIso } from "../db/codec.ts";
import type { Row } from "../db/tables.ts";
import type { AppDeps } from "../deps.ts";
import { badInput, isUniqueViolation, notFound, serviceError } from "./errors.ts";
import { randomRunName } from "./names.ts";
import { decodeAll, findById, insertRows, nowIso, type Tx, updateById } from "./rows.ts";
import { checkRunLogs, insertRunLogs, type LogInput } from "./logs.ts";
import { HeldUpdateConflict } from "./held-task-updates.ts";
import { finishTaskRuns as finishFlowRunTasks, type StateWrite, storeHeldTaskWrites, taskWriteMemo, writeRunState } from "./states.ts";

/**
 * Flow runs and task runs: creation (labels, parameters, one task run per task, Scheduled), state
 * batches, cancellation, names, labels, heartbeats. State rules themselves live in states.ts.
 */

export const PENDING_TASK_STATE: SerializedState = { type: "Pending", message: "Task run created" };
const RUN_TABLES = ["flow_run", "task_run", "flow_run_state", "task_run_state"] as const;

/** The history row of a task run's first state, so its timeline starts at creation. */
export const pendingHistory = (tenantId: string, taskRunId: string, now: string) => ({
  id: crypto.randomUUID(),
  tenant_id: tenantId,
  task_run_id: taskRunId,
  timestamp: now,
  state: "Pending",
  message: PENDING_TASK_STATE.message,
  serialized_state: PENDING_TASK_STATE,
  version: 0,
});

/** A new task run row, Pending as created (`map_index` -1 for a task, 0… for a mapped task's children). */
export const pendingTaskRun = (run: { id: string; tenant_id: string }, taskId: string, mapIndex: number, now: string) => ({
  id: crypto.randomUUID(),
  tenant_id: run.tenant_id,
  flow_run_id: run.id,
  task_id: taskId,
  map_index: mapIndex,
  version: 0,
  state: "Pending",
  serialized_state: PENDING_TASK_STATE,
  state_message: PENDING_TASK_STATE.message,
  state_timestamp: now,
  created: now,
  updated: now,
});

export interface CreateFlowRunInput {
  flow_id?: string | null;
  version_group_id?: string | null;
  parameters?: unknown;
  labels?: string[] | null;
  run_config?: unknown;
  context?: unknown;
  scheduled_start_time?: string | null;
  idempotency_key?: string | null;
  flow_run_name?: string | null;
  /** Set by the scheduler, never by clients. */
  auto_scheduled?: boolean;
}

const asObject = (v: unknown): Record<string, unknown> | null => (v && typeof v === "object" && !Array.isArray(v) ? (v as Record<string, unknown>) : null);
const labelsOf = (v: unknown): string[] | null => {
  const labels = asObject(v)?.labels;
  return Array.isArray(labels) ? labels.map(String) : null;
};

async function resolveFlow(tx: Tx, dialect: Dialect, input: CreateFlowRunInput): Promise<Row<"flow">> {
  if (input.flow_id) {
    const flow = await findById(tx, "flow", input.flow_id);
    if (!flow) throw notFound(`Flow ${input.flow_id} not found.`);
    return flow;
  }
  if (input.version_group_id) {
    const rows = await tx
      .selectFrom("flow")
      .selectAll()
      .where("version_group_id", "=", input.version_group_id)
      .where("archived", "=", encodeValue("bool", false, dialect))
      .orderBy("version", "desc")
      .limit(1)
      .execute();
    const [flow] = decodeAll("flow", rows);
    if (!flow) throw notFound(`No unarchived flow in version group ${input.version_group_id}.`);
    return flow;
  }
  throw badInput("Either flow_id or version_group_id is required.");
}

/** Prefect's order: explicit labels, the run_config's, the flow group's, then the flow's; sorted. */
function resolveLabels(input: CreateFlowRunInput, flow: Row<"flow">, group: Row<"flow_group">): string[] {
  const labels =
    input.labels ??
    (input.run_config != null ? labelsOf(input.run_config) : null) ??
    (Array.isArray(group.labels) ? (group.labels as unknown[]).map(String) : null) ??
    labelsOf(group.run_config) ??
    labelsOf(flow.run_config) ??
    labelsOf(flow.environment) ??
    [];
  return [...new Set(labels)].sort();
}

/** The flow's non-null defaults, then the group's defaults, then the run's own; required ones must be present. */
function resolveParameters(input: CreateFlowRunInput, flow: Row<"flow">, group: Row<"flow_group">): Record<string, unknown> {
  if (input.parameters != null && !asObject(input.parameters)) throw badInput("Flow run parameters must be a JSON object.");
  const declared = Array.isArray(flow.parameters) ? (flow.parameters as Record<string, unknown>[]) : [];
  const defaults: Record<string, unknown> = {};
  for (const p of declared) if (typeof p.name === "string" && p.default !== null && p.default !== undefined) defaults[p.name] = p.default;
  const merged = { ...defaults, ...(asObject(group.default_parameters) ?? {}), ...(asObject(input.parameters) ?? {}) };
  const missing = declared.filter((p) => p.required === true && typeof p.name === "string" && !(p.name in merged)).map((p) => p.name as string);
  if (missing.length) throw badInput(`Required parameters were not provided: ${missing.join(", ")}.`);
  return merged;
}

async function findByIdempotencyKey(tx: Tx, flowId: string, key: string): Promise<string | undefined> {
  const row = await tx.selectFrom("flow_run").select("id").where("flow_id", "=", flowId).where("idempotency_key", "=", key).executeTakeFirst();
  return row?.id;
}

export async function createFlowRun(deps: AppDeps, input: CreateFlowRunInput): Promise<string> {
  try {
    const id = await deps.db.transaction().execute((tx) => insertFlowRun(deps, tx, input));
    deps.events.publish(RUN_TABLES);
    return id;
  } catch (error) {
    // Two creates racing with one idempotency key: the loser's insert hits the unique key; answer with the winner.
    if (isUniqueViolation(error) && input.idempotency_key) {
      const flow = await resolveFlow(deps.db, deps.dialect, input);
      const existing = await findByIdempotencyKey(deps.db, flow.id, input.idempotency_key);
      if (existing) return existing;
    }
    throw error;
  }
}

async function insertFlowRun(deps: AppDeps, tx: Tx, input: CreateFlowRunInput): Promise<string> {
  const flow = await resolveFlow(tx, deps.dialect, input);
  if (flow.archived) throw serviceError("FLOW_ARCHIVED", `Flow ${flow.id} is archived.`);
  if (input.idempotency_key) {
    const existing = await findByIdempotencyKey(tx, flow.id, input.idempotency_key);
    if (existing) return existing;
  }
  const group = await findById(tx, "flow_group", flow.flow_group_id);
  if (!group) throw notFound(`Flow group of flow ${flow.id} not found.`);
  if (input.context != null && !asObject(input.context)) throw badInput("Flow run context must be a JSON object.");

  const now = nowIso();
  const scheduled = input.scheduled_start_time ? toIso(input.scheduled_start_time)! : now;
  const id = crypto.randomUUID();
  await insertRows(tx, deps.dialect, "flow_run", [
    {
      id,
      tenant_id: flow.tenant_id,
      flow_id: flow.id,
      name: input.flow_run_name || randomRunName(),
      parameters: resolveParameters(input, flow, group),
      context: asObject(input.context) ?? {},
      labels: resolveLabels(input, flow, group),
      run_config: input.run_config ?? group.run_config ?? flow.run_config,
      scheduled_start_time: scheduled,
      idempotency_key: input.idempotency_key ?? null,
      auto_scheduled: input.auto_scheduled ?? false,
      version: 0,
      created: now,
      updated: now,
    },
  ]);

  // One Pending task run per task, as Prefect Server's insert trigger does: the flow-run process
  // looks each task's run up by slug and expects it to exist.
  const tasks = await tx.selectFrom("task").select("id").where("flow_id", "=", flow.id).execute();
  const taskRuns = tasks.map((t) => pendingTaskRun({ id, tenant_id: flow.tenant_id }, t.id, -1, now));
  for (let i = 0; i < taskRuns.length; i += 500) {
    const chunk = taskRuns.slice(i, i + 500);
    await insertRows(tx, deps.dialect, "task_run", chunk);
    await insertRows(tx, deps.dialect, "task_run_state", chunk.map((tr) => pendingHistory(flow.tenant_id, tr.id, now)));
  }
  await writeRunState(tx, deps.dialect, "flow_run", id, {
    state: { type: "Scheduled", message: "Flow run scheduled.", start_time: scheduled },
    version: 0,
    force: true,
  });
  return id;
}

export interface StateResult {
  id: string;
  status: "SUCCESS";
  message: string | null;
}

/**
 * `set_flow_run_states` / `set_task_run_states`: a person's or a client's writes, all or nothing. Any
 * state from any state, as Prefect Server allows (the Prefect 1 client's "mark as" relies on it); a
 * sent `version` is still checked. Tern's engine writes through {@link writeRunBatch}, strictly.
 */
export async function setRunStates(
  deps: AppDeps,
  kind: "flow_run" | "task_run",
  writes: (StateWrite & { id: string })[],
): Promise<StateResult[]> {
  let cascaded = 0;
  const results = await deps.db.transaction().execute(async (tx) => {
    const out: StateResult[] = [];
    for (const write of writes) {
      cascaded += (await writeRunState(tx, deps.dialect, kind, write.id, { ...write, force: true })).cascaded ?? 0;
      out.push({ id: write.id, status: "SUCCESS", message: null });
    }
    return out;
  });
  deps.events.publish(kind === "flow_run" && !cascaded ? ["flow_run", "flow_run_state"] : kind === "flow_run" ? RUN_TABLES : ["task_run", "task_run_state"]);
  return results;
}

export interface RunWrites {
  logs: LogInput[];
  flowRuns: (StateWrite & { id: string })[];
  taskRuns: (StateWrite & { id: string })[];
}

/** A flow-run state that ends the run: in a batch it goes after the task states it follows. */
const endsRun = (write: StateWrite) => {
  const type = (write.state as { type?: unknown } | null)?.type;
  return isStateName(type) && isFinished(type);
};

/**
 * A flow-run process's writes of one moment in one transaction, in this order: log lines, flow-run
 * states that do not end the run (Running), task-run states, then flow-run states that end it. All
 * stored or none (a stale version rolls back the lines and the other states too), so an engine can
 * send "flow Running + first task Running" or "lines + the tasks' states (Running ones included) +
 * the flow's final state" in one round trip and still never show a run finished before its lines
 * and tasks are stored. These are the runtime's writes: strict transitions (see states.ts).
 */
export async function writeRunBatch(deps: AppDeps, writes: RunWrites): Promise<{ flowRuns: StateResult[]; taskRuns: StateResult[]; cascaded: number }> {
  checkRunLogs(writes.logs);
  // The task runs' new states go in together (a statement per chunk); when one of those runs moved
  // under the batch, it is stored again write by write, whose checks tell which write lost and how.
  const store = (holdUpdates: boolean) => deps.db.transaction().execute(async (tx) => {
    await insertRunLogs(tx, deps, writes.logs);
    const flowRuns: StateResult[] = writes.flowRuns.map((write) => ({ id: write.id, status: "SUCCESS", message: null }));
    for (const write of writes.flowRuns) if (!endsRun(write)) await writeRunState(tx, deps.dialect, "flow_run", write.id, write);
    const taskRuns: StateResult[] = [];
    const memo = writes.taskRuns.length > 1 ? await taskWriteMemo(tx, writes.taskRuns, { holdUpdates }) : undefined;
    for (const write of writes.taskRuns) {
      await writeRunState(tx, deps.dialect, "task_run", write.id, write, memo);
      taskRuns.push({ id: write.id, status: "SUCCESS", message: null });
    }
    if (memo) await storeHeldTaskWrites(tx, deps.dialect, memo);
    let cascaded = 0;
    for (const write of writes.flowRuns) if (endsRun(write)) cascaded += (await writeRunState(tx, deps.dialect, "flow_run", write.id, write)).cascaded ?? 0;
    return { flowRuns, taskRuns, cascaded };
  });
  let stored: Awaited<ReturnType<typeof store>>;
  try {
    stored = await store(true);
  } catch (error) {
    if (!(error instanceof HeldUpdateConflict)) throw error;
    stored = await store(false);
  }
  if (writes.logs.length) deps.events.publish(["log"]);
  if (writes.flowRuns.length) deps.events.publish(["flow_run", "flow_run_state"]);
  if (writes.taskRuns.length || stored.cascaded) deps.events.publish(["task_run", "task_run_state"]);
  return stored;
}

export interface TaskRunInfo {
  id: string;
  version: number;
  state: string | null;
  serialized_state: unknown;
}

/** The task run for (flow run, task, map index), created Pending when it does not exist yet (mapped children). */
export async function getOrCreateTaskRun(deps: AppDeps, input: { flow_run_id: string; task_id: string; map_index?: number | null }): Promise<TaskRunInfo> {
  const mapIndex = input.map_index ?? -1;
  const find = (tx: Tx) =>
    tx
      .selectFrom("task_run")
      .select(["id", "version", "state", "serialized_state"])
      .where("flow_run_id", "=", input.flow_run_id)
      .where("task_id", "=", input.task_id)
      .where("map_index", "=", mapIndex)
      .executeTakeFirst();
  const decode = (row: NonNullable<Awaited<ReturnType<typeof find>>>): TaskRunInfo => {
    const [r] = decodeAll("task_run", [row]);
    return { id: r.id, version: r.version, state: r.state, serialized_state: r.serialized_state };
  };
  const existing = await find(deps.db);
  if (existing) return decode(existing);
  let created = false;
  const info = await deps.db.transaction().execute(async (tx) => {
    const flowRun = await findById(tx, "flow_run", input.flow_run_id);
    if (!flowRun) throw notFound(`Flow run ${input.flow_run_id} not found.`);
    const task = await findById(tx, "task", input.task_id);
    if (!task || task.flow_id !== flowRun.flow_id) throw notFound(`Task ${input.task_id} not found in the flow run's flow.`);
    const now = nowIso();
    const id = crypto.randomUUID();
    const result = await tx
      .insertInto("task_run")
      .values(
        encodeRow("task_run", { ...pendingTaskRun(flowRun, task.id, mapIndex, now), id }, deps.dialect),
      )
      .onConflict((oc) => oc.columns(["flow_run_id", "task_id", "map_index"]).doNothing())
      .executeTakeFirst();
    created = Number(result.numInsertedOrUpdatedRows ?? 0) > 0;
    if (created) await insertRows(tx, deps.dialect, "task_run_state", [pendingHistory(flowRun.tenant_id, id, now)]);
    const row = await find(tx);
    return decode(row!);
  });
  if (created) deps.events.publish(["task_run", "task_run_state"]);
  return info;
}

/** Running → Cancelling (the flow-run process notices and stops); other unfinished states → Cancelled. */
export async function cancelFlowRun(deps: AppDeps, flowRunId: string): Promise<string> {
  const state = await deps.db.transaction().execute(async (tx) => {
    const run = await findById(tx, "flow_run", flowRunId);
    if (!run) throw notFound(`Flow run ${flowRunId} not found.`);
    const current = isStateName(run.state) ? run.state : null;
    if (current && isFinished(current)) return current;
    if (current === "Cancelling") return current;
    if (current && isRunning(current)) {
      await writeRunState(tx, deps.dialect, "flow_run", flowRunId, { state: { type: "Cancelling", message: "Flow run is cancelling." }, force: true });
      return "Cancelling";
    }
    // Writing Cancelled cancels the unfinished task runs too (states.ts).
    await writeRunState(tx, deps.dialect, "flow_run", flowRunId, { state: { type: "Cancelled", message: "Flow run was cancelled." }, force: true });
    return "Cancelled";
  });
  deps.events.publish(RUN_TABLES);
  return state;
}

/** Moves every unfinished task run of a flow run to `state` (zombie killer). */
export async function finishTaskRuns(tx: Tx, deps: AppDeps, flowRunId: string, state: SerializedState): Promise<void> {
  await finishFlowRunTasks(tx, deps.dialect, flowRunId, state);
}

async function updateOne(deps: AppDeps, table: "flow_run" | "task_run", id: string, patch: Partial<Row<"flow_run">> & Partial<Row<"task_run">>): Promise<boolean> {
  const changed = await updateById(deps.db, deps.dialect, table, id, { ...patch, updated: nowIso() });
  if (changed === 0) throw notFound(`${table === "flow_run" ? "Flow run" : "Task run"} ${id} not found.`);
  deps.events.publish([table]);
  return true;
}

export function setRunName(deps: AppDeps, table: "flow_run" | "task_run", id: string, name: string): Promise<boolean> {
  if (!name.trim()) throw badInput("Name must not be empty.");
  return updateOne(deps, table, id, { name });
}

export function setFlowRunLabels(deps: AppDeps, id: string, labels: string[]): Promise<boolean> {
  return updateOne(deps, "flow_run", id, { labels: [...new Set(labels)].sort() });
}

/** Liveness for the zombie killer; no `updated` bump, so heartbeats do not wake every live query. */
export async function heartbeat(deps: AppDeps, table: "flow_run" | "task_run", id: string): Promise<boolean> {
  const changed = await updateById(deps.db, deps.dialect, table, id, { heartbeat: nowIso() });
  if (changed === 0) throw notFound(`${table === "flow_run" ? "Flow run" : "Task run"} ${id} not found.`);
  return true;
}

export async function deleteFlowRun(deps: AppDeps, id: string): Promise<boolean> {
  const result = await deps.db.deleteFrom("flow_run").where("id", "=", id).executeTakeFirst();
  const deleted = Number(result.numDeletedRows) > 0;
  if (deleted) deps.events.publish([...RUN_TABLES, "log"]);
  return deleted;
}
