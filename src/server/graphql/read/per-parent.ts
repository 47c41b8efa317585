import { sql } from "kysely";
import { type Dialect, encodeValue } from "../../db/codec.ts";
import { type TableName, tableMeta } from "../../db/tables.ts";
import { AliasScope, col, compileTotalOrder, compileWhere, orderSql, type Sql } from "./compile.ts";

/**
 * A page of rows for each of many parents in one statement (the dashboard's "last run of each
 * flow", a run's newest log lines), driven from the parent keys: for each key, an ordered LIMIT
 * the database serves from the foreign-key index and stops early. A ROW_NUMBER over the partition
 * would first number every row of every parent (the whole flow_run table for the flows tile).
 * PostgreSQL joins the keys LATERALly; SQLite, which has no LATERAL, joins them to a correlated
 * `id IN (… LIMIT n)` that it runs once per key. The result is sorted by the page's own order, so
 * each parent's rows come out in page order.
 */
export interface PerParentPage {
  table: TableName;
  where: unknown;
  orderBy: unknown;
  column: string;
  values: string[];
  limit: number;
  offset: number;
}

export function perParentPage(dialect: Dialect, page: PerParentPage): Sql {
  const meta = tableMeta(page.table);
  const scope = new AliasScope(dialect);
  const [outer, inner] = ["t0", "t1"];
  const columns = (alias: string) => sql.join(Object.keys(meta.columns).map((c) => col(alias, c)));
  const ordered = (alias: string) => orderSql(compileTotalOrder(scope, page.table, alias, page.orderBy));
  const filter = (alias: string, key: Sql) => {
    const own = sql`${col(alias, page.column)} = ${key}`;
    const where = compileWhere(scope, page.table, alias, page.where);
    return where ? sql`${where} AND ${own}` : own;
  };
  const skip = page.offset > 0 ? sql` OFFSET ${page.offset}` : sql``;
  const type = meta.columns[page.column].type;
  const keys = page.values.map((v) => encodeValue(type, v, dialect));

  if (dialect === "postgres") {
    const keyType = sql.raw(type === "uuid" ? "uuid[]" : "text[]");
    const rows = sql`SELECT ${columns(inner)} FROM ${sql.table(page.table)} AS ${sql.id(inner)} WHERE ${filter(inner, sql.ref("k.v"))} ORDER BY ${ordered(inner)} LIMIT ${page.limit}${skip}`;
    return sql`SELECT ${sql.id(outer)}.* FROM unnest(CAST(${keys} AS ${keyType})) AS k(v) CROSS JOIN LATERAL (${rows}) AS ${sql.id(outer)} ORDER BY ${ordered(outer)}`;
  }
  const values = sql.join(keys.map((k) => sql`(${k})`));
  const ids = sql`SELECT ${col(inner, "id")} FROM ${sql.table(page.table)} AS ${sql.id(inner)} WHERE ${filter(inner, sql.ref("k.v"))} ORDER BY ${ordered(inner)} LIMIT ${page.limit}${skip}`;
  return sql`SELECT ${columns(outer)} FROM (SELECT column1 AS v FROM (VALUES ${values})) AS k JOIN ${sql.table(page.table)} AS ${sql.id(outer)} ON ${col(outer, "id")} IN (${ids}) ORDER BY ${ordered(outer)}`;
}
