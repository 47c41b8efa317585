import { toTimestamp } from "../../core/timestamps.ts";
import { type ColumnType, type JsonText, type Row, type StoredRow, type StoredValue, type TableName, tableMeta } from "./tables.ts";

/**
 * Converts values between what the app uses and what each dialect stores. SQLite keeps JSON as text,
 * booleans as 0/1 and timestamps as fixed-width ISO text with microseconds; PostgreSQL returns parsed
 * JSON and (see database.ts) timestamps as text. After decoding, both look the same: canonical
 * timestamps, booleans, plain JSON values.
 */

export type Dialect = "sqlite" | "postgres";

/** Any timestamp a caller or a driver hands over, as Tern's canonical text (see core/timestamps.ts). */
export function toIso(value: unknown): string | null {
  if (value === null || value === undefined) return null;
  if (typeof value === "string" || typeof value === "number" || value instanceof Date) return toTimestamp(value);
  throw new RangeError(`Invalid timestamp: ${String(value)}`);
}

export function decodeValue(type: ColumnType, value: unknown): unknown {
  if (value === null || value === undefined) return null;
  switch (type) {
    case "bool":
      return value === true || value === 1 || value === "1" || value === "t";
    case "int":
      return typeof value === "number" ? value : Number(value);
    case "timestamptz":
      return toIso(value);
    case "jsonb":
      return typeof value === "string" ? JSON.parse(value) : value;
    case "uuid":
    case "text":
      return String(value);
  }
}

/** What to bind as an SQL parameter for `value` in a column of `type`. */
export function encodeValue<C extends ColumnType>(type: C, value: NonNullable<unknown>, dialect: Dialect): StoredValue<C>;
export function encodeValue<C extends ColumnType>(type: C, value: unknown, dialect: Dialect): StoredValue<C> | null;
export function encodeValue(type: ColumnType, value: unknown, dialect: Dialect): StoredValue<ColumnType> | null {
  if (value === null || value === undefined) return null;
  switch (type) {
    case "bool":
      return dialect === "sqlite" ? (value ? 1 : 0) : Boolean(value);
    case "timestamptz":
      return toIso(value);
    case "jsonb":
      // pg would send a JS array as a PostgreSQL array, so JSON always travels as text.
      return JSON.stringify(value) as JsonText;
    case "int":
      return typeof value === "number" ? value : Number(value);
    case "uuid":
    case "text":
      return String(value);
  }
}

/** A row as read (all columns or a selection) with each of `T`'s columns decoded. */
export type Decoded<T extends TableName, R> = { [K in keyof R]: K extends keyof Row<T> ? Row<T>[K] : R[K] };

export function decodeRow<T extends TableName, R extends object>(table: T, row: R): Decoded<T, R> {
  const columns = tableMeta(table).columns;
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(row)) {
    const column = columns[key];
    out[key] = column ? decodeValue(column.type, value) : value;
  }
  // Each column went through decodeValue for its declared type, which is what Decoded describes.
  return out as Decoded<T, R>;
}

export function encodeRow<T extends TableName>(table: T, row: Partial<Row<T>>, dialect: Dialect): StoredRow<T> {
  const columns = tableMeta(table).columns;
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(row)) {
    if (value === undefined) continue;
    const column = columns[key];
    if (!column) throw new Error(`Unknown column ${table}.${key}`);
    out[key] = encodeValue(column.type, value, dialect);
  }
  // Each column went through encodeValue for its declared type, which is what StoredRow<T> describes.
  return out as StoredRow<T>;
}
