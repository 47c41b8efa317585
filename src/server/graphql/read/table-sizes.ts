import { sql } from "kysely";
import type { Dialect } from "../../db/codec.ts";
import type { Db } from "../../db/database.ts";
import { TABLE_NAMES, type TableName } from "../../db/tables.ts";

export type TableSizes = Record<TableName, number>;

/** How long a size estimate is used before it is refreshed (in the background, the old one serving meanwhile). */
const MAX_AGE_MS = 5_000;
/** On PostgreSQL, tables estimated below this many rows are counted exactly (a few milliseconds). */
const COUNT_BELOW_ROWS = 200_000;

/**
 * Rows per table, roughly, for the read-cost estimate. Each source is cheap at any size: SQLite's
 * largest rowid (one seek down the table's b-tree; deleted rows make it an overestimate, which is
 * the safe side), PostgreSQL's planner statistics (`reltuples`) for big tables, count(*) for
 * small ones.
 */
export function tableSizes(db: Db, dialect: Dialect): () => Promise<TableSizes> {
  let current: TableSizes | undefined;
  let fetchedAt = 0;
  let pending: Promise<TableSizes> | undefined;

  const refresh = () => {
    pending ??= measure(db, dialect)
      .then((sizes) => {
        current = sizes;
        fetchedAt = Date.now();
        return sizes;
      })
      .finally(() => {
        pending = undefined;
      });
    return pending;
  };

  return async () => {
    if (!current) return refresh();
    if (Date.now() - fetchedAt > MAX_AGE_MS) refresh().catch(() => {});
    return current;
  };
}

async function measure(db: Db, dialect: Dialect): Promise<TableSizes> {
  const sizes = {} as TableSizes;
  if (dialect === "sqlite") {
    for (const table of TABLE_NAMES) {
      const { rows } = await sql<{ n: number | null }>`SELECT max(rowid) AS n FROM ${sql.table(table)}`.execute(db);
      sizes[table] = Number(rows[0]?.n ?? 0);
    }
    return sizes;
  }
  const { rows } = await sql<{ relname: string; n: number }>`SELECT relname, reltuples::float8 AS n FROM pg_class WHERE relkind IN ('r', 'p') AND relnamespace = 'public'::regnamespace AND relname IN (${sql.join([...TABLE_NAMES])})`.execute(db);
  const stats = new Map(rows.map((r) => [r.relname, Number(r.n)]));
  for (const table of TABLE_NAMES) {
    const estimate = stats.get(table) ?? -1;
    // Statistics lag behind a table that grew since it was last analysed; a small table is counted instead.
    if (estimate >= COUNT_BELOW_ROWS) {
      sizes[table] = estimate;
      continue;
    }
    const counted = await sql<{ n: string }>`SELECT count(*) AS n FROM ${sql.table(table)}`.execute(db);
    sizes[table] = Number(counted.rows[0]?.n ?? 0);
  }
  return sizes;
}
