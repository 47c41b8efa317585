import type { Kysely } from "kysely";
import { formatMicros } from "../../core/timestamps.ts";
import { type Dialect, decodeRow, encodeRow } from "../db/codec.ts";
import type { Database, Row, TableName } from "../db/tables.ts";

/**
 * Small typed-enough helpers every service uses, so values always pass through the codec (SQLite keeps
 * JSON as text and booleans as 0/1) and services read like the rules they own.
 */

/** A database handle or an open transaction: services take either. */
export type Tx = Kysely<Database>;

let lastMicros = 0;

/**
 * Now in epoch microseconds: the wall clock's millisecond, but always after the previous call in this
 * process, so what one server stamps one after another (a batch's states, lines) sorts in that order.
 */
export function nowMicros(): number {
  lastMicros = Math.max(Date.now() * 1000, lastMicros + 1);
  return lastMicros;
}

export const nowIso = () => formatMicros(nowMicros());

export async function insertRows<T extends TableName>(tx: Tx, dialect: Dialect, table: T, rows: Partial<Row<T>>[]): Promise<void> {
  if (rows.length === 0) return;
  await tx
    .insertInto(table)
    .values(rows.map((r) => encodeRow(table, r, dialect)) as never)
    .execute();
}

/** Updates one row by id; returns how many rows changed (0 when the id is unknown). */
export async function updateById<T extends TableName>(tx: Tx, dialect: Dialect, table: T, id: string, patch: Partial<Row<T>>): Promise<number> {
  const db = tx as Kysely<any>;
  const result = await db
    .updateTable(table as string)
    .set(encodeRow(table, patch, dialect) as never)
    .where("id", "=", id)
    .executeTakeFirst();
  return Number(result.numUpdatedRows);
}

export async function findById<T extends TableName>(tx: Tx, table: T, id: string): Promise<Row<T> | undefined> {
  const db = tx as Kysely<any>;
  const row = await db.selectFrom(table as string).selectAll().where("id", "=", id).executeTakeFirst();
  return row ? decodeRow(table, row) : undefined;
}

export function decodeAll<T extends TableName>(table: T, rows: unknown[]): Row<T>[] {
  return rows.map((r) => decodeRow(table, r as Record<string, unknown>));
}
