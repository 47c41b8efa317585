import type { Kysely } from "kysely";

/**
 * A mapped task's children counted by state: the run page's parent row and the parent's own page
 * ask, live, `count(*) WHERE flow_run_id = ? AND task_id = ? AND state = ? AND map_index >= 0` for
 * each state. The existing indexes answered each from the table, row by row (10,000 children: ~390 ms
 * for the set of counts); the first index holds every column asked, so each count reads only its own
 * entries.
 *
 * The run page's table lists a run's top-level task runs (`map_index = -1`) by start time, and counts
 * them: with only (flow_run_id, start_time, id) both read every child of every mapped task to keep
 * the few parents (10,000 children: 42–140 ms a page); the second index goes straight to the
 * top-level rows, in start-time order.
 */
const ADDED: [name: string, columns: string[]][] = [
  ["ix_task_run_flow_run_id_task_id_state_map_index", ["flow_run_id", "task_id", "state", "map_index"]],
  ["ix_task_run_flow_run_id_map_index_start_time_id", ["flow_run_id", "map_index", "start_time", "id"]],
];

export async function up(db: Kysely<any>): Promise<void> {
  for (const [name, columns] of ADDED) await db.schema.createIndex(name).on("task_run").columns(columns).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const [name] of ADDED) await db.schema.dropIndex(name).execute();
}
