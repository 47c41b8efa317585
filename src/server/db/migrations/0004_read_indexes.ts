import type { Kysely } from "kysely";

/**
 * Indexes for the run page at scale (measured by bench/read-at-scale): its task-run table sorts a
 * run's task runs by start time and its log tail takes a run's newest lines by (timestamp, id).
 * Without these, every page and every live refresh sorted all of the run's rows (10,000 task runs,
 * 100,000 log lines) to return 50 or 1,000. The (flow_run_id, timestamp) log index is a prefix of
 * the new one, so it goes.
 */
const ADDED: [name: string, table: string, columns: string[]][] = [
  ["ix_task_run_flow_run_id_start_time_id", "task_run", ["flow_run_id", "start_time", "id"]],
  ["ix_log_flow_run_id_timestamp_id", "log", ["flow_run_id", "timestamp", "id"]],
];

export async function up(db: Kysely<any>): Promise<void> {
  for (const [name, table, columns] of ADDED) await db.schema.createIndex(name).on(table).columns(columns).execute();
  await db.schema.dropIndex("ix_log_flow_run_id_timestamp").execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.createIndex("ix_log_flow_run_id_timestamp").on("log").columns(["flow_run_id", "timestamp"]).execute();
  for (const [name] of ADDED) await db.schema.dropIndex(name).execute();
}
