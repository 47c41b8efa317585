import { TABLE_NAMES, type TableName, tableMeta } from "../../db/tables.ts";
import type { GraphQLContext } from "../context.ts";
import { batchLoad } from "./batch.ts";
import { badInput } from "./errors.ts";
import { type CountOptions, checkPage, countRows, extremes, type ListArgs, selectByKeys, selectPartitioned, selectRows } from "./query.ts";

/**
 * Resolvers of the generated read API. Root fields query directly; relationship fields go through
 * per-request batches so a level of the result costs one statement per relationship and arguments.
 */

type Row = Record<string, unknown>;
type Resolver = (parent: any, args: any, ctx: GraphQLContext, info?: unknown) => unknown;

/** What a `t_aggregate` field resolves to; the aggregate's own fields run the statements. */
interface AggregateSource {
  table: TableName;
  args: ListArgs;
  /** For `<rel>_aggregate` on a row: the parent's key, batched under `batchKey`. */
  scope?: { column: string; value: string; batchKey: string };
}

const argsKey = (args: unknown) => JSON.stringify(args ?? {});

function loadArray(ctx: GraphQLContext, table: TableName, column: string, value: string, args: ListArgs, batchKey: string) {
  checkPage(args);
  return batchLoad(ctx.loaders, `arr:${batchKey}`, value, (ids) => selectPartitioned(ctx, table, args, { column, values: ids })).then((rows) => rows ?? []);
}

function tableResolvers(table: TableName): Record<string, Resolver> {
  const meta = tableMeta(table);
  const resolvers: Record<string, Resolver> = {};
  for (const [name, rel] of Object.entries(meta.objectRelationships)) {
    resolvers[name] = (row: Row, _args, ctx) => {
      const key = row[rel.column];
      if (key === null || key === undefined) return null;
      return batchLoad(ctx.loaders, `obj:${table}.${name}`, String(key), (ids) => selectByKeys(ctx, rel.table, rel.remoteColumn, ids)).then((r) => r ?? null);
    };
  }
  for (const [name, rel] of Object.entries(meta.arrayRelationships)) {
    resolvers[name] = (row: Row, args: ListArgs, ctx) => {
      const key = row[rel.column];
      if (key === null || key === undefined) return [];
      return loadArray(ctx, rel.table, rel.remoteColumn, String(key), args, `${table}.${name}:${argsKey(args)}`);
    };
    resolvers[`${name}_aggregate`] = (row: Row, args: ListArgs): AggregateSource => ({
      table: rel.table,
      args,
      scope: { column: rel.remoteColumn, value: String(row[rel.column]), batchKey: `${table}.${name}:${argsKey(args)}` },
    });
  }
  return resolvers;
}

function aggregateResolvers(table: TableName): Record<string, Record<string, Resolver>> {
  const extreme = (fn: "max" | "min"): Resolver => (source: AggregateSource, _args, ctx) => {
    const { scope } = source;
    if (!scope) return extremes(ctx, table, source.args, fn).then((m) => m.get("") ?? {});
    return batchLoad(ctx.loaders, `${fn}:${scope.batchKey}`, scope.value, (ids) => extremes(ctx, table, source.args, fn, { column: scope.column, values: ids })).then((r) => r ?? {});
  };
  return {
    [`${table}_aggregate`]: {
      aggregate: (source: AggregateSource) => source,
      nodes: (source: AggregateSource, _args, ctx) =>
        source.scope ? loadArray(ctx, table, source.scope.column, source.scope.value, source.args, source.scope.batchKey) : selectRows(ctx, table, source.args),
    },
    [`${table}_aggregate_fields`]: {
      count: (source: AggregateSource, options: CountOptions, ctx) => {
        const { scope } = source;
        if (!scope) return countRows(ctx, table, source.args, options).then((m) => m.get("") ?? 0);
        const key = `count:${scope.batchKey}:${argsKey(options)}`;
        return batchLoad(ctx.loaders, key, scope.value, (ids) => countRows(ctx, table, source.args, options, { column: scope.column, values: ids })).then((n) => n ?? 0);
      },
      max: extreme("max"),
      min: extreme("min"),
    },
  };
}

/** The three root fields of a table; the live queries reuse them as their `resolve`. */
export function rootResolvers(table: TableName): Record<string, Resolver> {
  return {
    [table]: (_root, args: ListArgs, ctx) => selectRows(ctx, table, args),
    [`${table}_by_pk`]: async (_root, args: { id: string }, ctx) => {
      if (typeof args.id !== "string") throw badInput("id is required");
      return (await selectByKeys(ctx, table, "id", [args.id])).get(args.id) ?? null;
    },
    [`${table}_aggregate`]: (_root, args: ListArgs): AggregateSource => {
      checkPage(args);
      return { table, args };
    },
  };
}

export function readResolvers(): Record<string, Record<string, Resolver>> {
  const out: Record<string, Record<string, Resolver>> = { Query: {} };
  for (const table of TABLE_NAMES) {
    Object.assign(out.Query, rootResolvers(table));
    out[table] = tableResolvers(table);
    Object.assign(out, aggregateResolvers(table));
  }
  return out;
}
