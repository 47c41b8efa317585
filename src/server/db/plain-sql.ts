import { CompiledQuery, type Kysely } from "kysely";
import type { Dialect } from "./codec.ts";

/**
 * The SQL of the hottest writes (inserting rows, updating or reading a row by key), written out as
 * text once per shape and run as a compiled query. A run's few dozen statements went through Kysely's
 * builder and compiler each time, which cost the server more CPU than SQLite's own work on them.
 * Every value is still a bound parameter; the identifiers come from the callers' code (table and
 * column names the codec knows), never from a request.
 */

/** SQL texts by shape. Shapes are few (tables × column sets × row counts up to a chunk); bounded all the same. */
const texts = new Map<string, string>();
const MAX_TEXTS = 2000;

function cached(key: string, build: () => string): string {
  let text = texts.get(key);
  if (text === undefined) {
    if (texts.size >= MAX_TEXTS) texts.clear();
    text = build();
    texts.set(key, text);
  }
  return text;
}

const quote = (name: string) => `"${name}"`;

/** Parameter markers from `first` (1-based) on: `?` for SQLite, `$n` for PostgreSQL. */
function markers(dialect: Dialect, first: number, count: number): string[] {
  return Array.from({ length: count }, (_, i) => (dialect === "sqlite" ? "?" : `$${first + i}`));
}

// The handle's type does not matter here: a compiled query runs the same on any Kysely or transaction.
type Handle = Pick<Kysely<unknown>, "executeQuery">;

/**
 * Inserts `rows` (already encoded, each with the same columns in the same order) into `table`.
 * Returns false, inserting nothing, when the rows' columns differ: the caller takes the builder's path.
 */
export async function insertEncoded(db: Handle, dialect: Dialect, table: string, rows: Record<string, unknown>[]): Promise<boolean> {
  const columns = Object.keys(rows[0]!);
  const parameters: unknown[] = [];
  for (const row of rows) {
    const keys = Object.keys(row);
    if (keys.length !== columns.length) return false;
    for (let i = 0; i < columns.length; i++) {
      if (keys[i] !== columns[i]) return false;
      parameters.push(row[columns[i]!]);
    }
  }
  const text = cached(`i|${dialect}|${table}|${columns.join(",")}|${rows.length}`, () => {
    const values = rows.map((_, r) => `(${markers(dialect, r * columns.length + 1, columns.length).join(", ")})`);
    return `insert into ${quote(table)} (${columns.map(quote).join(", ")}) values ${values.join(", ")}`;
  });
  await db.executeQuery(CompiledQuery.raw(text, parameters));
  return true;
}

/** `update table set <patch> where <key columns equal>`; returns how many rows changed. */
export async function updateEncoded(db: Handle, dialect: Dialect, table: string, patch: Record<string, unknown>, where: Record<string, unknown>): Promise<number> {
  const set = Object.keys(patch);
  const keys = Object.keys(where);
  const text = cached(`u|${dialect}|${table}|${set.join(",")}|${keys.join(",")}`, () => {
    const setMarkers = markers(dialect, 1, set.length);
    const whereMarkers = markers(dialect, set.length + 1, keys.length);
    return `update ${quote(table)} set ${set.map((c, i) => `${quote(c)} = ${setMarkers[i]}`).join(", ")} where ${keys.map((c, i) => `${quote(c)} = ${whereMarkers[i]}`).join(" and ")}`;
  });
  const result = await db.executeQuery(CompiledQuery.raw(text, [...Object.values(patch), ...Object.values(where)]));
  return Number(result.numAffectedRows ?? 0);
}

/** `select <columns> from table where <key columns equal>` (`*` for every column); the raw rows. */
export async function selectWhere<R = Record<string, unknown>>(db: Handle, dialect: Dialect, table: string, columns: readonly string[] | "*", where: Record<string, unknown>): Promise<R[]> {
  const keys = Object.keys(where);
  const list = columns === "*" ? "*" : columns.join(",");
  const text = cached(`s|${dialect}|${table}|${list}|${keys.join(",")}`, () => {
    const whereMarkers = markers(dialect, 1, keys.length);
    const selected = columns === "*" ? "*" : columns.map(quote).join(", ");
    return `select ${selected} from ${quote(table)} where ${keys.map((c, i) => `${quote(c)} = ${whereMarkers[i]}`).join(" and ")}`;
  });
  const result = await db.executeQuery(CompiledQuery.raw(text, Object.values(where)));
  return result.rows as R[];
}

/** A fixed statement written once with `?` markers, renumbered for PostgreSQL; run with `parameters`. */
export async function runFixed<R = Record<string, unknown>>(db: Handle, dialect: Dialect, sqliteText: string, parameters: unknown[]): Promise<{ rows: R[]; changed: number }> {
  const text = dialect === "sqlite" ? sqliteText : cached(`f|${sqliteText}`, () => {
    let n = 0;
    return sqliteText.replace(/\?/g, () => `$${++n}`);
  });
  const result = await db.executeQuery(CompiledQuery.raw(text, parameters));
  return { rows: result.rows as R[], changed: Number(result.numAffectedRows ?? 0) };
}
