import { sql } from "kysely";
import { type Dialect, encodeRow } from "../db/codec.ts";
import type { Row } from "../db/tables.ts";
import type { Tx } from "./rows.ts";

/**
 * Many task runs' state changes stored by one statement a chunk: a mapped task's children finish by
 * the thousand, and one UPDATE a write (its SQL built, prepared and run each time) was most of what a
 * 10,000-child run cost the server. The rows travel as one JSON parameter, so a chunk never meets a
 * driver's parameter limit, and each row keeps its compare-and-swap on the version the batch read.
 */

/** One task run's held change: its merged patch, to land only if the run is still at `fromVersion`. */
export interface HeldTaskUpdate {
  id: string;
  fromVersion: number;
  patch: Partial<Row<"task_run">>;
}

/** A held run's version moved under the batch (a concurrent writer): the batch is stored again, write by write. */
export class HeldUpdateConflict extends Error {
  constructor() {
    super("A task run changed while a batch of its states was being stored.");
    this.name = "HeldUpdateConflict";
  }
}

/** The columns a state write sets; `start_time`/`end_time` only when the write gave them. */
const SET_COLUMNS = ["state", "serialized_state", "state_start_time", "state_timestamp", "state_message", "version", "updated"] as const;
const KEEP_UNLESS_GIVEN = ["start_time", "end_time"] as const;
const CHUNK = 1000;

export async function flushHeldTaskUpdates(tx: Tx, dialect: Dialect, updates: HeldTaskUpdate[]): Promise<void> {
  for (let i = 0; i < updates.length; i += CHUNK) {
    const chunk = updates.slice(i, i + CHUNK);
    const rows = chunk.map(({ id, fromVersion, patch }) => {
      const encoded = encodeRow("task_run", patch, dialect) as Record<string, unknown>;
      // PostgreSQL reads the JSON column as a JSON value, SQLite stores its text as it came.
      if (dialect === "postgres" && typeof encoded.serialized_state === "string") encoded.serialized_state = patch.serialized_state;
      return { ...encoded, id, from_version: fromVersion };
    });
    const statement = dialect === "postgres" ? postgresUpdate(JSON.stringify(rows)) : sqliteUpdate(JSON.stringify(rows));
    const result = await statement.execute(tx);
    if (Number(result.numAffectedRows ?? 0) !== chunk.length) throw new HeldUpdateConflict();
  }
}

const assignments = (value: (column: string) => ReturnType<typeof sql>) =>
  sql.join([
    ...SET_COLUMNS.map((column) => sql`${sql.ref(column)} = ${value(column)}`),
    ...KEEP_UNLESS_GIVEN.map((column) => sql`${sql.ref(column)} = coalesce(${value(column)}, task_run.${sql.ref(column)})`),
  ]);

function sqliteUpdate(rows: string) {
  return sql`update task_run set ${assignments((column) => sql`v.value ->> ${column}`)}
    from json_each(${rows}) as v
    where task_run.id = v.value ->> 'id' and task_run.version = v.value ->> 'from_version'`;
}

function postgresUpdate(rows: string) {
  return sql`update task_run set ${assignments((column) => sql`v.${sql.ref(column)}`)}
    from jsonb_to_recordset(${rows}::jsonb) as v(
      id uuid, from_version int, state text, serialized_state jsonb, state_start_time timestamptz, state_timestamp timestamptz,
      state_message text, version int, updated timestamptz, start_time timestamptz, end_time timestamptz)
    where task_run.id = v.id and task_run.version = v.from_version`;
}
