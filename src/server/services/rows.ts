import { type Kysely, sql } from "kysely";
import { formatMicros } from "../../core/timestamps.ts";
import { type Decoded, type Dialect, decodeRow, encodeRow } from "../db/codec.ts";
import { insertEncoded, updateEncoded } from "../db/plain-sql.ts";
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

/**
 * The helpers below are generic over the table, and Kysely cannot work out a type parameter's columns.
 * They see the handle as tables of plain columns instead; what they bind and return still goes
 * through encodeRow/decodeRow, which are typed per table.
 */
const anyTable = (tx: Tx) => tx as unknown as Kysely<Record<string, Record<string, unknown>>>;

const name = (table: TableName): string => table;

export async function insertRows<T extends TableName>(tx: Tx, dialect: Dialect, table: T, rows: Partial<Row<T>>[]): Promise<void> {
  if (rows.length === 0) return;
  const encoded = rows.map((r) => encodeRow(table, r, dialect) as Record<string, unknown>);
  // Rows of one shape (nearly always) take the prepared text; rows with differing columns, the builder.
  if (await insertEncoded(tx, dialect, table, encoded)) return;
  await anyTable(tx).insertInto(name(table)).values(encoded).execute();
}

/** Updates one row by id; returns how many rows changed (0 when the id is unknown). */
export async function updateById<T extends TableName>(tx: Tx, dialect: Dialect, table: T, id: string, patch: Partial<Row<T>>): Promise<number> {
  return updateEncoded(tx, dialect, table, encodeRow(table, patch, dialect) as Record<string, unknown>, { id });
}

export async function findById<T extends TableName>(tx: Tx, table: T, id: string): Promise<Row<T> | undefined> {
  // A raw template compiles in a fraction of the builder's time; `*` reads every column of the table.
  const { rows } = await sql<Record<string, unknown>>`select * from ${sql.table(table)} where "id" = ${id}`.execute(tx);
  return rows[0] ? (decodeRow(table, rows[0]) as Row<T>) : undefined;
}

export function decodeAll<T extends TableName, R extends object>(table: T, rows: R[]): Decoded<T, R>[] {
  return rows.map((r) => decodeRow(table, r));
}
