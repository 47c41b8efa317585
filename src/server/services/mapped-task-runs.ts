import type { AppDeps } from "../deps.ts";
import { badInput, isUniqueViolation, notFound } from "./errors.ts";
import { decodeAll, findById, insertRows, nowIso, type Tx } from "./rows.ts";
import { pendingHistory, pendingTaskRun } from "./runs.ts";

/**
 * A mapped task's children: task runs of the same flow run and task with map_index 0…n-1 (the parent
 * keeps -1). The engine makes them all in one call; `get_or_create_task_run_info` makes one at a time.
 */

/** The most children one mapped task may have in a flow run. */
export const MAX_MAPPED_CHILDREN = 100_000;
const CHUNK = 500;

export interface MappedChild {
  id: string;
  map_index: number;
  version: number;
  state: string | null;
}

/**
 * The children 0…count-1 of a task in a flow run, created Pending where missing (so a resend, or a
 * restarted run mapping the same task again, finds the ones it made before), in map_index order.
 */
export async function getOrCreateMappedTaskRuns(deps: AppDeps, input: { flow_run_id: string; task_id: string; count: number }): Promise<MappedChild[]> {
  const { count } = input;
  if (!Number.isInteger(count) || count < 0 || count > MAX_MAPPED_CHILDREN) {
    throw badInput(`count must be a whole number from 0 to ${MAX_MAPPED_CHILDREN}.`);
  }
  try {
    return await createMissing(deps, input);
  } catch (error) {
    // Two calls for the same children at once: the later one finds what the earlier one stored.
    if (!isUniqueViolation(error)) throw error;
    return createMissing(deps, input);
  }
}

async function createMissing(deps: AppDeps, input: { flow_run_id: string; task_id: string; count: number }): Promise<MappedChild[]> {
  let created = 0;
  const children = await deps.db.transaction().execute(async (tx) => {
    const flowRun = await findById(tx, "flow_run", input.flow_run_id);
    if (!flowRun) throw notFound(`Flow run ${input.flow_run_id} not found.`);
    const task = await findById(tx, "task", input.task_id);
    if (!task || task.flow_id !== flowRun.flow_id) throw notFound(`Task ${input.task_id} not found in the flow run's flow.`);
    const existing = new Set((await childRows(tx, input)).map((r) => r.map_index));
    const now = nowIso();
    const missing = [];
    for (let i = 0; i < input.count; i++) {
      if (existing.has(i)) continue;
      missing.push(pendingTaskRun(flowRun, task.id, i, now));
    }
    for (let i = 0; i < missing.length; i += CHUNK) {
      const chunk = missing.slice(i, i + CHUNK);
      await insertRows(tx, deps.dialect, "task_run", chunk);
      await insertRows(tx, deps.dialect, "task_run_state", chunk.map((tr) => pendingHistory(flowRun.tenant_id, tr.id, now)));
    }
    created = missing.length;
    return childRows(tx, input);
  });
  if (created) deps.events.publish(["task_run", "task_run_state"]);
  return children;
}

async function childRows(tx: Tx, input: { flow_run_id: string; task_id: string; count: number }): Promise<MappedChild[]> {
  const rows = await tx
    .selectFrom("task_run")
    .select(["id", "map_index", "version", "state"])
    .where("flow_run_id", "=", input.flow_run_id)
    .where("task_id", "=", input.task_id)
    .where("map_index", ">=", 0)
    .where("map_index", "<", input.count)
    .orderBy("map_index")
    .execute();
  return decodeAll("task_run", rows).map((r) => ({ id: r.id, map_index: r.map_index, version: r.version, state: r.state }));
}
