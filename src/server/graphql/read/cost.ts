import { type DocumentNode, type FieldNode, type FragmentDefinitionNode, Kind, type OperationDefinitionNode, type SelectionNode, type SelectionSetNode, valueFromASTUntyped } from "graphql";
import { TABLE_NAMES, type TableName, tableMeta } from "../../db/tables.ts";
import { MAX_ROWS } from "./query.ts";
import type { TableSizes } from "./table-sizes.ts";

/**
 * The estimated cost of a read operation, before it runs: for every list, aggregate and
 * relationship it selects, the rows its statement is expected to read times the work per row
 * (1 + the conditions and sort terms it checks), plus the rows it returns times the fields selected
 * on them. Aliases and fragments count each time they appear. Rows come from the table sizes: a
 * root list reads its whole table unless its `where` pins an indexed key (`id`, or a foreign key
 * with `_eq`/`_in`, read as the average rows per key); a relationship reads the average children
 * per parent for every parent row. So `log_aggregate(where: {message: {_ilike: …}})` over 30,000
 * lines costs 60,000, and 300 aliases of it 18,000,000.
 */

type Variables = Record<string, unknown> | null | undefined;

interface Walk {
  sizes: TableSizes;
  variables: Variables;
  fragment(name: string): FragmentDefinitionNode | undefined;
}

interface Parent {
  table: TableName;
  rows: number;
}

export function operationOf(document: DocumentNode, operationName: string | null | undefined): OperationDefinitionNode | undefined {
  const operations = document.definitions.filter((d): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION);
  return operationName ? operations.find((o) => o.name?.value === operationName) : operations[0];
}

/** The cost of the operation's reads; 0 for a mutation (its writes are limited by the services). */
export function estimateReadCost(document: DocumentNode, operationName: string | null | undefined, variables: Variables, sizes: TableSizes): number {
  const operation = operationOf(document, operationName);
  if (!operation || operation.operation === "mutation") return 0;
  const fragments = new Map(document.definitions.filter((d): d is FragmentDefinitionNode => d.kind === Kind.FRAGMENT_DEFINITION).map((d) => [d.name.value, d]));
  const walk: Walk = { sizes, variables, fragment: (name) => fragments.get(name) };
  let cost = 0;
  for (const field of fieldsOf(walk, operation.selectionSet)) {
    const name = field.name.value;
    if (isTable(name)) cost += list(walk, name as TableName, field);
    else if (name.endsWith("_aggregate") && isTable(name.slice(0, -"_aggregate".length))) cost += aggregate(walk, name.slice(0, -"_aggregate".length) as TableName, field);
    else if (name.endsWith("_by_pk") && isTable(name.slice(0, -"_by_pk".length))) cost += rowsCost(walk, name.slice(0, -"_by_pk".length) as TableName, field.selectionSet, 1);
  }
  return cost;
}

const isTable = (name: string): boolean => (TABLE_NAMES as readonly string[]).includes(name);

/** Whether `@skip`/`@include` leave a selection out: the executor never runs it, so it costs nothing. */
function leftOut(walk: Walk, selection: SelectionNode): boolean {
  for (const directive of selection.directives ?? []) {
    const name = directive.name.value;
    if (name !== "skip" && name !== "include") continue;
    const condition = directive.arguments?.find((a) => a.name.value === "if");
    const value = condition ? valueFromASTUntyped(condition.value, walk.variables as Record<string, unknown> | undefined) : undefined;
    if ((name === "skip" && value === true) || (name === "include" && value === false)) return true;
  }
  return false;
}

function fieldsOf(walk: Walk, selectionSet: SelectionSetNode | undefined, seen: ReadonlySet<string> = new Set(), out: FieldNode[] = []): FieldNode[] {
  for (const selection of selectionSet?.selections ?? []) {
    if (leftOut(walk, selection)) continue;
    if (selection.kind === Kind.FIELD) {
      if (!selection.name.value.startsWith("__")) out.push(selection);
    } else if (selection.kind === Kind.INLINE_FRAGMENT) {
      fieldsOf(walk, selection.selectionSet, seen, out);
    } else if (!seen.has(selection.name.value)) {
      fieldsOf(walk, walk.fragment(selection.name.value)?.selectionSet, new Set([...seen, selection.name.value]), out);
    }
  }
  return out;
}

function argument(walk: Walk, field: FieldNode, name: string): unknown {
  const node = field.arguments?.find((a) => a.name.value === name);
  return node ? valueFromASTUntyped(node.value, walk.variables as Record<string, unknown> | undefined) : undefined;
}

/** Comparisons and sort terms: each is work done on every row read. */
function termCount(value: unknown): number {
  if (value === null || typeof value !== "object") return 0;
  if (Array.isArray(value)) return value.reduce((n: number, item) => n + termCount(item), 0);
  let n = 0;
  for (const inner of Object.values(value as Record<string, unknown>)) {
    n += inner !== null && typeof inner === "object" ? Math.max(1, termCount(inner)) : 1;
  }
  return n;
}

/** Rows a `where` that pins an indexed key can match, or undefined when it pins none. */
function pinnedRows(walk: Walk, table: TableName, where: unknown): number | undefined {
  if (where === null || typeof where !== "object" || Array.isArray(where)) return undefined;
  let best: number | undefined;
  const consider = (rows: number) => {
    best = best === undefined ? rows : Math.min(best, rows);
  };
  for (const [key, value] of Object.entries(where as Record<string, unknown>)) {
    if (key === "_and") {
      for (const item of Array.isArray(value) ? value : [value]) {
        const rows = pinnedRows(walk, table, item);
        if (rows !== undefined) consider(rows);
      }
      continue;
    }
    if (value === null || typeof value !== "object") continue;
    const comparison = value as Record<string, unknown>;
    const keys = comparison._eq !== undefined && comparison._eq !== null ? 1 : Array.isArray(comparison._in) ? comparison._in.length : undefined;
    if (keys === undefined) continue;
    if (key === "id") {
      consider(keys);
      continue;
    }
    const target = keyTarget(table, key);
    if (target) consider(keys * perKey(walk, table, target));
  }
  return best;
}

/** The table a foreign-key column points to (`flow_run_id` → flow_run, also where no relationship is declared, as on log). */
function keyTarget(table: TableName, column: string): TableName | undefined {
  const declared = Object.values(tableMeta(table).objectRelationships).find((rel) => rel.column === column && rel.remoteColumn === "id");
  if (declared) return declared.table;
  const named = column.endsWith("_id") ? column.slice(0, -"_id".length) : "";
  return isTable(named) && tableMeta(table).columns[column]?.type === "uuid" ? (named as TableName) : undefined;
}

/** Average rows of `table` per row of `parent` (at least one). */
function perKey(walk: Walk, table: TableName, parent: TableName): number {
  return Math.max(1, walk.sizes[table] / Math.max(1, walk.sizes[parent]));
}

function rowsRead(walk: Walk, table: TableName, where: unknown, parent?: Parent): number {
  let rows = walk.sizes[table];
  if (parent) rows = Math.min(rows, parent.rows * perKey(walk, table, parent.table));
  const pinned = pinnedRows(walk, table, where);
  if (pinned !== undefined) rows = Math.min(rows, pinned);
  return Math.max(1, rows);
}

interface Page {
  read: number;
  returned: number;
  perRow: number;
}

function page(walk: Walk, table: TableName, field: FieldNode, parent?: Parent): Page {
  const where = argument(walk, field, "where");
  const limit = argument(walk, field, "limit");
  const offset = argument(walk, field, "offset");
  const perParent = (typeof limit === "number" ? limit : MAX_ROWS) + (typeof offset === "number" ? offset : 0);
  const read = rowsRead(walk, table, where, parent);
  const returned = Math.min(read, (parent?.rows ?? 1) * perParent);
  return { read, returned, perRow: 1 + termCount(where) + termCount(argument(walk, field, "order_by")) };
}

function list(walk: Walk, table: TableName, field: FieldNode, parent?: Parent): number {
  const { read, returned, perRow } = page(walk, table, field, parent);
  return read * perRow + rowsCost(walk, table, field.selectionSet, returned);
}

function aggregate(walk: Walk, table: TableName, field: FieldNode, parent?: Parent): number {
  const { read, returned, perRow } = page(walk, table, field, parent);
  let cost = 0;
  for (const part of fieldsOf(walk, field.selectionSet)) {
    if (part.name.value === "nodes") cost += read * perRow + rowsCost(walk, table, part.selectionSet, returned);
    // Each of count, max and min is a statement over the page.
    else if (part.name.value === "aggregate") cost += read * perRow * Math.max(1, fieldsOf(walk, part.selectionSet).length);
  }
  return cost;
}

/** `rows` rows of `table` with this selection: their fields, and the relationships under them. */
function rowsCost(walk: Walk, table: TableName, selectionSet: SelectionSetNode | undefined, rows: number): number {
  const meta = tableMeta(table);
  let cost = 0;
  for (const field of fieldsOf(walk, selectionSet)) {
    const name = field.name.value;
    const object = meta.objectRelationships[name];
    const array = meta.arrayRelationships[name];
    const aggregated = name.endsWith("_aggregate") ? meta.arrayRelationships[name.slice(0, -"_aggregate".length)] : undefined;
    if (object) {
      const found = Math.min(rows, Math.max(1, walk.sizes[object.table]));
      cost += found + rowsCost(walk, object.table, field.selectionSet, found);
    } else if (array) {
      cost += list(walk, array.table, field, { table, rows });
    } else if (aggregated) {
      cost += aggregate(walk, aggregated.table, field, { table, rows });
    } else {
      cost += rows;
    }
  }
  return cost;
}
