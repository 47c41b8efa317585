import type { Kysely } from "kysely";

/**
 * Flow runs of one state, newest first: every agent keeps the live query "newest Scheduled run"
 * (`state = 'Scheduled' ORDER BY created DESC, id ASC LIMIT 1`) open, and the server re-runs it on
 * each flow-run change. Through (state, scheduled_start_time) SQLite read and sorted every queued
 * run (every column of each) to keep one, so each re-run cost grew with the queue; in this order
 * the first entry is the answer.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.createIndex("ix_flow_run_state_created_id").on("flow_run").columns(["state", "created desc", "id"]).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex("ix_flow_run_state_created_id").execute();
}
