import type { Kysely } from "kysely";

/**
 * Idempotency keys for writes a client may send twice: when a server dies after storing a write but
 * before answering, the client retries it. A log line or state change carrying a key it already
 * stored for the same run is recognised instead of stored again. NULL keys (clients that send none,
 * such as the Prefect 1.x client) never collide, on either dialect.
 */
const KEYED: [table: string, runColumn: string][] = [
  ["log", "flow_run_id"],
  ["flow_run_state", "flow_run_id"],
  ["task_run_state", "task_run_id"],
];

export async function up(db: Kysely<any>): Promise<void> {
  for (const [table, runColumn] of KEYED) {
    await db.schema.alterTable(table).addColumn("idempotency_key", "text").execute();
    await db.schema.createIndex(`${table}_${runColumn}_idempotency_key_key`).unique().on(table).columns([runColumn, "idempotency_key"]).execute();
  }
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const [table, runColumn] of KEYED) {
    await db.schema.dropIndex(`${table}_${runColumn}_idempotency_key_key`).execute();
    await db.schema.alterTable(table).dropColumn("idempotency_key").execute();
  }
}
