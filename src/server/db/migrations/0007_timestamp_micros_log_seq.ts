import { type Kysely, PostgresAdapter, sql } from "kysely";

/**
 * Timestamps keep microseconds, and a run's log lines keep their write order.
 *
 * SQLite: every timestamp becomes fixed-width text with six fraction digits (`…05.123000Z`), the
 * width the app now writes, so text order stays time order. PostgreSQL's timestamptz already keeps
 * microseconds.
 *
 * `log.seq`: a line's place in its flow run's log, counted from 1 in write order. Lines with equal
 * timestamps sort by it. Existing lines are numbered in the order the dashboard showed them
 * (timestamp, id), and the run page's index sorts by (timestamp, seq) instead of (timestamp, id).
 */
const TIMESTAMP_COLUMNS: Record<string, string[]> = {
  tenant: [],
  project: [],
  flow_group: [],
  flow: [],
  task: [],
  edge: [],
  agent_config: [],
  agent: ["last_queried"],
  flow_run: ["scheduled_start_time", "heartbeat", "start_time", "end_time", "state_timestamp", "state_start_time"],
  task_run: ["heartbeat", "start_time", "end_time", "state_timestamp", "state_start_time"],
  flow_run_state: ["timestamp", "start_time"],
  task_run_state: ["timestamp", "start_time"],
  log: ["timestamp"],
};

export async function up(db: Kysely<any>): Promise<void> {
  const postgres = db.getExecutor().adapter instanceof PostgresAdapter;
  if (!postgres) {
    for (const [table, columns] of Object.entries(TIMESTAMP_COLUMNS)) {
      for (const column of ["created", "updated", ...columns]) {
        const c = sql.ref(column);
        // `2026-01-02T03:04:05.123Z` (24 characters, milliseconds) → `2026-01-02T03:04:05.123000Z`.
        await sql`UPDATE ${sql.table(table)} SET ${c} = substr(${c}, 1, 23) || '000Z' WHERE length(${c}) = 24 AND substr(${c}, 24, 1) = 'Z'`.execute(db);
      }
    }
  }
  await db.schema.alterTable("log").addColumn("seq", "integer", (col) => col.notNull().defaultTo(0)).execute();
  await sql`UPDATE log SET seq = numbered.n FROM (SELECT id, row_number() OVER (PARTITION BY flow_run_id ORDER BY "timestamp", id) AS n FROM log) AS numbered WHERE log.id = numbered.id`.execute(db);
  await db.schema.createIndex("log_flow_run_id_seq_key").unique().on("log").columns(["flow_run_id", "seq"]).execute();
  await db.schema.createIndex("ix_log_flow_run_id_timestamp_seq").on("log").columns(["flow_run_id", "timestamp", "seq"]).execute();
  await db.schema.dropIndex("ix_log_flow_run_id_timestamp_id").execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.createIndex("ix_log_flow_run_id_timestamp_id").on("log").columns(["flow_run_id", "timestamp", "id"]).execute();
  await db.schema.dropIndex("ix_log_flow_run_id_timestamp_seq").execute();
  await db.schema.dropIndex("log_flow_run_id_seq_key").execute();
  await db.schema.alterTable("log").dropColumn("seq").execute();
}
