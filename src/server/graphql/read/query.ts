import { sql } from "kysely";
import { type Dialect, decodeRow, decodeValue, encodeValue } from "../../db/codec.ts";
import type { Db } from "../../db/database.ts";
import { type ReadPool, ReadTimeoutError } from "../../db/read-pool-types.ts";
import { type TableName, tableMeta } from "../../db/tables.ts";
import { AliasScope, col, compileTotalOrder, compileWhere, orderSql, orTrue, type Sql } from "./compile.ts";
import { badInput, limitExceeded, queryTimeout } from "./errors.ts";
import { perParentPage } from "./per-parent.ts";
import { ORDERABLE_AGGREGATE_TYPES } from "./sdl.ts";

/**
 * Builds and runs the SELECTs behind the read API: a page of rows of one table (optionally for many
 * parents at once, partitioned by the foreign key so relationships load in one query per level),
 * counts and max/min over such a page. Every statement is a Kysely `sql` template: identifiers come
 * from the metadata, values are parameters.
 */

/** The most rows one list returns; a list without `limit` is cut here, a larger `limit` is refused. */
export const MAX_ROWS = 10_000;

export interface ListArgs {
  where?: unknown;
  order_by?: unknown;
  limit?: number | null;
  offset?: number | null;
  distinct_on?: string[] | null;
}

/** Rows for many parents at once: `column IN (values)`, each parent paged on its own. */
export interface Partition {
  column: string;
  values: string[];
}

export interface DbAccess {
  db: Db;
  dialect: Dialect;
  config?: { readTimeoutMs: number };
  /** See GraphQLContext: where heavy reads run, and the request's estimated cost and deadline. */
  reads?: ReadPool;
  readCost?: number;
  readDeadline?: number;
}

/**
 * On SQLite, reads estimated to cost less than this run on the server's own connection: they take
 * well under a millisecond, less than the hop to a read process. PostgreSQL reads always use the
 * read pool (its statements never block the event loop; the pool keeps them off the write
 * connections and under statement_timeout).
 */
export const OFFLOAD_COST = 50_000;

interface RowsOptions {
  table: TableName;
  args: ListArgs;
  partition?: Partition;
  /** Aggregates without a page need no ORDER BY. */
  unordered?: boolean;
}

export function checkPage(args: ListArgs): { limit: number | undefined; offset: number } {
  const { limit, offset } = args;
  if (limit !== null && limit !== undefined) {
    if (limit < 0) throw badInput("limit must not be negative");
    if (limit > MAX_ROWS) throw limitExceeded(`limit ${limit} is above the maximum of ${MAX_ROWS} rows per list; page with limit and offset.`);
  }
  if (offset !== null && offset !== undefined && offset < 0) throw badInput("offset must not be negative");
  return { limit: limit ?? undefined, offset: offset ?? 0 };
}

/**
 * Every column of `table` as `"t0"."name", …`, built once per table: parsing each reference anew was
 * ~5% of a small read's CPU. A RawBuilder is immutable, so one instance serves every query.
 */
const allColumns = new Map<TableName, Sql>();
function allColumnsOf(table: TableName): Sql {
  let columns = allColumns.get(table);
  if (!columns) allColumns.set(table, (columns = sql.join(Object.keys(tableMeta(table).columns).map((c) => col("t0", c)))));
  return columns;
}

export function rowsQuery(dialect: Dialect, { table, args, partition, unordered }: RowsOptions): Sql {
  const scope = new AliasScope(dialect);
  const meta = tableMeta(table);
  const t0 = "t0";
  const columns = allColumnsOf(table);
  const from = sql`${sql.table(table)} AS ${sql.id(t0)}`;
  const { limit, offset } = checkPage(args);

  let where = compileWhere(scope, table, t0, args.where);
  if (partition) {
    const type = meta.columns[partition.column].type;
    const keys = sql.join(partition.values.map((v) => sql`${encodeValue(type, v, dialect)}`));
    const inKeys = sql`${col(t0, partition.column)} IN (${keys})`;
    where = where ? sql`${where} AND ${inKeys}` : inKeys;
  }
  const order = orderSql(compileTotalOrder(scope, table, t0, args.order_by));

  const distinctOn = args.distinct_on ?? [];
  if (distinctOn.length > 0) {
    for (const name of distinctOn) if (!meta.columns[name]) throw badInput(`${table}: unknown distinct_on column ${name}`);
    const groups = sql.join([...(partition ? [partition.column] : []), ...distinctOn].map((c) => col(t0, c)));
    // ROW_NUMBER instead of PostgreSQL's DISTINCT ON, so SQLite gives the same answer.
    where = sql`${col(t0, "id")} IN (SELECT d.__id FROM (SELECT ${col(t0, "id")} AS __id, ROW_NUMBER() OVER (PARTITION BY ${groups} ORDER BY ${order}) AS __rn FROM ${from} WHERE ${orTrue(where)}) AS d WHERE d.__rn = 1)`;
  }

  if (partition && limit !== undefined && distinctOn.length === 0) {
    return perParentPage(dialect, { table, where: args.where, orderBy: args.order_by, column: partition.column, values: partition.values, limit, offset });
  }
  if (partition && (limit !== undefined || offset > 0)) {
    const upper = limit === undefined ? sql`` : sql` AND p.__rn <= ${offset + limit}`;
    return sql`SELECT p.* FROM (SELECT ${columns}, ROW_NUMBER() OVER (PARTITION BY ${col(t0, partition.column)} ORDER BY ${order}) AS __rn FROM ${from} WHERE ${orTrue(where)}) AS p WHERE p.__rn > ${offset}${upper} ORDER BY p.__rn`;
  }
  const paged = limit !== undefined || offset > 0;
  const orderClause = unordered && !paged ? sql`` : sql` ORDER BY ${order}`;
  let page = sql``;
  if (limit !== undefined) page = sql` LIMIT ${limit}`;
  else if (offset > 0 && dialect === "sqlite") page = sql` LIMIT -1`;
  if (offset > 0) page = sql`${page} OFFSET ${offset}`;
  return sql`SELECT ${columns} FROM ${from} WHERE ${orTrue(where)}${orderClause}${page}`;
}

async function run(access: DbAccess, query: Sql): Promise<Record<string, unknown>[]> {
  const limitMs = access.config?.readTimeoutMs ?? Number.POSITIVE_INFINITY;
  // A live query's re-runs have no request deadline: each statement gets the whole limit.
  const deadline = access.readDeadline ?? Date.now() + limitMs;
  if (Date.now() >= deadline) throw queryTimeout(limitMs);
  const offload = access.reads && (access.dialect === "postgres" || (access.readCost ?? 0) >= OFFLOAD_COST);
  // The SQL is compiled at run time for a table chosen at run time: a row is a plain map of the
  // columns it selected, decoded by the caller from the table's metadata.
  if (!access.reads || !offload) return (await query.execute(access.db)).rows as Record<string, unknown>[];
  try {
    return await access.reads.all(query.compile(access.db), deadline);
  } catch (error) {
    if (error instanceof ReadTimeoutError) throw queryTimeout(limitMs);
    throw error;
  }
}

function decode(table: TableName, row: Record<string, unknown>): Record<string, unknown> {
  const { __rn: _rn, ...rest } = row;
  return decodeRow(table, rest);
}

/** One list: `t(where, order_by, limit, offset, distinct_on)`, at most MAX_ROWS rows. */
export async function selectRows(access: DbAccess, table: TableName, args: ListArgs): Promise<Record<string, unknown>[]> {
  const limit = args.limit ?? MAX_ROWS;
  const rows = await run(access, rowsQuery(access.dialect, { table, args: { ...args, limit } }));
  return rows.map((r) => decode(table, r));
}

/** Lists for many parents in one query, grouped by the partition column's value. */
export async function selectPartitioned(access: DbAccess, table: TableName, args: ListArgs, partition: Partition): Promise<Map<string, Record<string, unknown>[]>> {
  const rows = await run(access, rowsQuery(access.dialect, { table, args, partition }));
  const groups = new Map<string, Record<string, unknown>[]>();
  for (const raw of rows) {
    const row = decode(table, raw);
    const key = String(row[partition.column]);
    let group = groups.get(key);
    if (!group) groups.set(key, (group = []));
    // Without an explicit limit each parent's list is capped like a root list.
    if (group.length < MAX_ROWS) group.push(row);
  }
  return groups;
}

/** Rows whose `column` is one of `values` (object relationships, `_by_pk`). */
export async function selectByKeys(access: DbAccess, table: TableName, column: string, values: string[]): Promise<Map<string, Record<string, unknown>>> {
  const meta = tableMeta(table);
  const t0 = "t0";
  const columns = allColumnsOf(table);
  const keys = sql.join(values.map((v) => sql`${encodeValue(meta.columns[column].type, v, access.dialect)}`));
  const rows = await run(access, sql`SELECT ${columns} FROM ${sql.table(table)} AS ${sql.id(t0)} WHERE ${col(t0, column)} IN (${keys})`);
  const out = new Map<string, Record<string, unknown>>();
  for (const raw of rows) {
    const row = decode(table, raw);
    out.set(String(row[column]), row);
  }
  return out;
}

export interface CountOptions {
  columns?: string[] | null;
  distinct?: boolean | null;
}

/**
 * `count(columns, distinct)` over the page the args describe; per partition value when given
 * (the result then has one entry per parent that has rows), else under the key "".
 */
export async function countRows(access: DbAccess, table: TableName, args: ListArgs, options: CountOptions, partition?: Partition): Promise<Map<string, number>> {
  const meta = tableMeta(table);
  const columns = options.columns ?? [];
  for (const name of columns) if (!meta.columns[name]) throw badInput(`${table}: unknown column ${name}`);
  const rows = rowsQuery(access.dialect, { table, args, partition, unordered: true });
  const key = partition ? sql`${col("s", partition.column)} AS __key, ` : sql``;
  const group = partition ? sql` GROUP BY ${col("s", partition.column)}` : sql``;
  let source = sql`(${rows}) AS s`;
  let notNull = columns.map((c) => sql`${col("s", c)} IS NOT NULL`);
  if (options.distinct && columns.length > 0) {
    const picked = sql.join([...(partition ? [partition.column] : []), ...columns].map((c) => col("s", c)));
    source = sql`(SELECT DISTINCT ${picked} FROM ${source} WHERE ${sql.join(notNull, sql` AND `)}) AS s`;
    notNull = [];
  }
  const filter = notNull.length ? sql` WHERE ${sql.join(notNull, sql` AND `)}` : sql``;
  const result = await run(access, sql`SELECT ${key}count(*) AS __count FROM ${source}${filter}${group}`);
  return new Map(result.map((r) => [partition ? String(r.__key) : "", Number(r.__count)]));
}

/** `max { … }` / `min { … }` over every orderable column of the page, per partition value when given. */
export async function extremes(access: DbAccess, table: TableName, args: ListArgs, fn: "max" | "min", partition?: Partition): Promise<Map<string, Record<string, unknown>>> {
  const meta = tableMeta(table);
  const names = Object.entries(meta.columns).filter(([, c]) => ORDERABLE_AGGREGATE_TYPES.has(c.type)).map(([n]) => n);
  const rows = rowsQuery(access.dialect, { table, args, partition, unordered: true });
  const key = partition ? sql`${col("s", partition.column)} AS __key, ` : sql``;
  const group = partition ? sql` GROUP BY ${col("s", partition.column)}` : sql``;
  const picked = sql.join(names.map((n) => sql`${sql.raw(fn)}(${col("s", n)}) AS ${sql.id(n)}`));
  const result = await run(access, sql`SELECT ${key}${picked} FROM (${rows}) AS s${group}`);
  const out = new Map<string, Record<string, unknown>>();
  for (const r of result) {
    const values = Object.fromEntries(names.map((n) => [n, decodeValue(meta.columns[n].type, r[n])]));
    out.set(partition ? String(r.__key) : "", values);
  }
  return out;
}
