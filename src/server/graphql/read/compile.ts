import { type RawBuilder, sql } from "kysely";
import { type Dialect, encodeValue } from "../../db/codec.ts";
import type { ColumnMeta, TableMeta, TableName } from "../../db/tables.ts";
import { tableMeta } from "../../db/tables.ts";
import { badInput } from "./errors.ts";

/**
 * Compiles Hasura boolean expressions and order_by inputs into parameterised SQL fragments.
 * Identifiers come only from the table metadata (an unknown key is an error, never SQL); values are
 * always bound parameters, encoded through the codec so SQLite's ISO-text timestamps and 0/1
 * booleans compare like PostgreSQL's typed values.
 */

export type Sql = RawBuilder<unknown>;

/** Fresh table aliases for correlated subqueries (`a1`, `a2`, …), unique within one statement. */
export class AliasScope {
  private next = 1;
  constructor(readonly dialect: Dialect) {}
  fresh(): string {
    return `a${this.next++}`;
  }
}

const TRUE: Sql = sql`1 = 1`;
const FALSE: Sql = sql`1 = 0`;

export function col(alias: string, column: string): Sql {
  return sql.ref(`${alias}.${column}`);
}

function and(parts: (Sql | null)[]): Sql | null {
  const real = parts.filter((p): p is Sql => p !== null);
  if (real.length === 0) return null;
  if (real.length === 1) return real[0];
  return sql`(${sql.join(real, sql` AND `)})`;
}

/** SQL text for a nullable "true" (null means no condition). */
export function orTrue(condition: Sql | null): Sql {
  return condition ?? TRUE;
}

/** A bound value for a column of this type; JSON is compared as JSON, not as text. */
function param(column: ColumnMeta, value: unknown, dialect: Dialect): Sql {
  const encoded = encodeValue(column.type, value, dialect);
  if (column.type === "jsonb") return dialect === "postgres" ? sql`CAST(${encoded} AS jsonb)` : sql`json(${encoded})`;
  return sql`${encoded}`;
}

function columnExpr(column: ColumnMeta, ref: Sql, dialect: Dialect): Sql {
  return column.type === "jsonb" && dialect === "sqlite" ? sql`json(${ref})` : ref;
}

const BINARY: Record<string, string> = { _eq: "=", _neq: "<>", _gt: ">", _gte: ">=", _lt: "<", _lte: "<=" };

function compileComparison(table: TableName, name: string, column: ColumnMeta, ref: Sql, exp: unknown, dialect: Dialect): Sql | null {
  if (exp === null || exp === undefined) return null;
  if (typeof exp !== "object" || Array.isArray(exp)) throw badInput(`${table}.${name}: expected a comparison expression`);
  const target = columnExpr(column, ref, dialect);
  const parts: (Sql | null)[] = [];
  for (const [op, value] of Object.entries(exp as Record<string, unknown>)) {
    // Hasura with BOOLEAN_NULL_COLLAPSE: an operator whose value is null is no condition at all.
    if (value === null || value === undefined) continue;
    if (op in BINARY) {
      parts.push(sql`${target} ${sql.raw(BINARY[op])} ${param(column, value, dialect)}`);
    } else if (op === "_in" || op === "_nin") {
      const values = Array.isArray(value) ? value : [value];
      if (values.length === 0) {
        parts.push(op === "_in" ? FALSE : null);
        continue;
      }
      const list = sql.join(values.map((v) => param(column, v, dialect)));
      parts.push(op === "_in" ? sql`${target} IN (${list})` : sql`${target} NOT IN (${list})`);
    } else if (op === "_is_null") {
      parts.push(value ? sql`${ref} IS NULL` : sql`${ref} IS NOT NULL`);
    } else if (op === "_like" || op === "_nlike") {
      // SQLite runs with case_sensitive_like = ON, so LIKE is case-sensitive on both dialects.
      const like = sql`${ref} LIKE ${String(value)}`;
      parts.push(op === "_like" ? like : sql`NOT (${like})`);
    } else if (op === "_ilike" || op === "_nilike") {
      const ilike = sql`lower(${ref}) LIKE lower(${String(value)})`;
      parts.push(op === "_ilike" ? ilike : sql`NOT (${ilike})`);
    } else {
      throw badInput(`${table}.${name}: unknown operator ${op}`);
    }
  }
  return and(parts);
}

/** A correlated subquery joining `alias` (on `table`) to a related table through a relationship. */
function relationshipOf(meta: TableMeta, key: string): { table: TableName; column: string; remoteColumn: string } | undefined {
  return meta.objectRelationships[key] ?? meta.arrayRelationships[key];
}

/**
 * Compiles a `<table>_bool_exp`; `null` means "no condition" (true). Relationship filters, object or
 * array, become EXISTS over the related table.
 */
export function compileWhere(scope: AliasScope, table: TableName, alias: string, where: unknown): Sql | null {
  if (where === null || where === undefined) return null;
  if (typeof where !== "object" || Array.isArray(where)) throw badInput(`${table}: expected a boolean expression`);
  const meta = tableMeta(table);
  const parts: (Sql | null)[] = [];
  for (const [key, value] of Object.entries(where as Record<string, unknown>)) {
    if (value === null || value === undefined) continue;
    if (key === "_and" || key === "_or") {
      const items = (Array.isArray(value) ? value : [value]).map((item) => compileWhere(scope, table, alias, item));
      if (key === "_and") {
        parts.push(and(items));
      } else if (items.length > 0 && !items.includes(null)) {
        // An `_or` with a true branch (or no branches, as in Hasura) is true.
        parts.push(sql`(${sql.join(items as Sql[], sql` OR `)})`);
      }
    } else if (key === "_not") {
      const inner = compileWhere(scope, table, alias, value);
      parts.push(inner === null ? FALSE : sql`NOT (${inner})`);
    } else if (meta.columns[key]) {
      parts.push(compileComparison(table, key, meta.columns[key], col(alias, key), value, scope.dialect));
    } else {
      const rel = relationshipOf(meta, key);
      if (!rel) throw badInput(`${table}: unknown field ${key} in where`);
      const inner = scope.fresh();
      const filter = compileWhere(scope, rel.table, inner, value);
      if (meta.objectRelationships[key] && filter) {
        // `flow_id IN (flows of this group)` rather than a correlated EXISTS: SQLite then reads only
        // the matching rows through the foreign-key index instead of probing every row of the table
        // (a flow's run history went from a scan of all flow runs to a few index seeks). The
        // IS NOT NULL keeps `_not` right for a null key, as NOT EXISTS would be.
        parts.push(sql`(${col(alias, rel.column)} IS NOT NULL AND ${col(alias, rel.column)} IN (SELECT ${col(inner, rel.remoteColumn)} FROM ${sql.table(rel.table)} AS ${sql.id(inner)} WHERE ${filter}))`);
        continue;
      }
      const condition = and([sql`${col(inner, rel.remoteColumn)} = ${col(alias, rel.column)}`, filter]);
      parts.push(sql`EXISTS (SELECT 1 FROM ${sql.table(rel.table)} AS ${sql.id(inner)} WHERE ${condition})`);
    }
  }
  return and(parts);
}

const DIRECTIONS: Record<string, string> = {
  // Hasura on PostgreSQL: ascending puts nulls last, descending first. SQLite's defaults are the
  // opposite, so the null placement is always spelled out.
  asc: "ASC NULLS LAST",
  asc_nulls_last: "ASC NULLS LAST",
  asc_nulls_first: "ASC NULLS FIRST",
  desc: "DESC NULLS FIRST",
  desc_nulls_first: "DESC NULLS FIRST",
  desc_nulls_last: "DESC NULLS LAST",
};

export interface OrderTerm {
  expr: Sql;
  direction: string;
}

/** Compiles `order_by` (an object or a list of objects, nested through object relationships). */
export function compileOrderBy(scope: AliasScope, table: TableName, alias: string, orderBy: unknown): OrderTerm[] {
  if (orderBy === null || orderBy === undefined) return [];
  const items = Array.isArray(orderBy) ? orderBy : [orderBy];
  const meta = tableMeta(table);
  const terms: OrderTerm[] = [];
  for (const item of items) {
    if (item === null || item === undefined) continue;
    if (typeof item !== "object") throw badInput(`${table}: expected an order_by object`);
    for (const [key, value] of Object.entries(item as Record<string, unknown>)) {
      if (value === null || value === undefined) continue;
      if (meta.columns[key]) {
        const direction = DIRECTIONS[String(value)];
        if (!direction) throw badInput(`${table}.${key}: unknown order ${String(value)}`);
        terms.push({ expr: col(alias, key), direction });
        continue;
      }
      const objectRel = meta.objectRelationships[key];
      if (objectRel) {
        const inner = scope.fresh();
        for (const term of compileOrderBy(scope, objectRel.table, inner, value)) {
          terms.push({
            expr: sql`(SELECT ${term.expr} FROM ${sql.table(objectRel.table)} AS ${sql.id(inner)} WHERE ${col(inner, objectRel.remoteColumn)} = ${col(alias, objectRel.column)})`,
            direction: term.direction,
          });
        }
        continue;
      }
      const arrayRel = key.endsWith("_aggregate") ? meta.arrayRelationships[key.slice(0, -"_aggregate".length)] : undefined;
      if (arrayRel && typeof value === "object") {
        const count = (value as Record<string, unknown>).count;
        if (count === null || count === undefined) continue;
        const direction = DIRECTIONS[String(count)];
        if (!direction) throw badInput(`${table}.${key}: unknown order ${String(count)}`);
        const inner = scope.fresh();
        terms.push({
          expr: sql`(SELECT count(*) FROM ${sql.table(arrayRel.table)} AS ${sql.id(inner)} WHERE ${col(inner, arrayRel.remoteColumn)} = ${col(alias, arrayRel.column)})`,
          direction,
        });
        continue;
      }
      throw badInput(`${table}: unknown field ${key} in order_by`);
    }
  }
  return terms;
}

/**
 * `order_by` made total, so pages and live results are deterministic: ties go to the table's write
 * sequence where it has one (a run's log lines that share a timestamp read back in write order, in
 * the direction of the last given term), then to the primary key.
 */
export function compileTotalOrder(scope: AliasScope, table: TableName, alias: string, orderBy: unknown): OrderTerm[] {
  const terms = compileOrderBy(scope, table, alias, orderBy);
  if ("seq" in tableMeta(table).columns) terms.push({ expr: col(alias, "seq"), direction: terms.at(-1)?.direction.startsWith("DESC") ? "DESC" : "ASC" });
  terms.push({ expr: col(alias, "id"), direction: "ASC" });
  return terms;
}

export function orderSql(terms: OrderTerm[]): Sql {
  return sql.join(terms.map((t) => sql`${t.expr} ${sql.raw(t.direction)}`));
}
