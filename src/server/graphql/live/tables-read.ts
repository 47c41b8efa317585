import { type FieldNode, type GraphQLResolveInfo, Kind, type SelectionSetNode, valueFromASTUntyped } from "graphql";
import { type TableName, tableMeta } from "../../db/tables.ts";

/**
 * Which tables a live query reads: its root table, the tables behind every relationship it
 * selects, and the tables its `where` and `order_by` reach through relationships. A change to any
 * of them re-runs the query.
 */
export function tablesRead(info: GraphQLResolveInfo, root: TableName): Set<TableName> {
  const tables = new Set<TableName>([root]);
  const variables = info.variableValues;

  const argValue = (field: FieldNode, name: string): unknown => {
    const arg = field.arguments?.find((a) => a.name.value === name);
    return arg ? valueFromASTUntyped(arg.value, variables) : undefined;
  };

  const walkFilter = (table: TableName, value: unknown): void => {
    if (value === null || typeof value !== "object") return;
    if (Array.isArray(value)) {
      for (const item of value) walkFilter(table, item);
      return;
    }
    const meta = tableMeta(table);
    for (const [key, inner] of Object.entries(value as Record<string, unknown>)) {
      if (key === "_and" || key === "_or" || key === "_not") {
        walkFilter(table, inner);
        continue;
      }
      const relKey = key.endsWith("_aggregate") && !meta.objectRelationships[key] && !meta.arrayRelationships[key] ? key.slice(0, -"_aggregate".length) : key;
      const rel = meta.objectRelationships[relKey] ?? meta.arrayRelationships[relKey];
      if (!rel) continue;
      tables.add(rel.table);
      walkFilter(rel.table, inner);
    }
  };

  const walkArgs = (table: TableName, field: FieldNode): void => {
    walkFilter(table, argValue(field, "where"));
    walkFilter(table, argValue(field, "order_by"));
  };

  const fieldsOf = (selectionSet: SelectionSetNode | undefined, out: FieldNode[] = []): FieldNode[] => {
    for (const selection of selectionSet?.selections ?? []) {
      if (selection.kind === Kind.FIELD) out.push(selection);
      else if (selection.kind === Kind.INLINE_FRAGMENT) fieldsOf(selection.selectionSet, out);
      else fieldsOf(info.fragments[selection.name.value]?.selectionSet, out);
    }
    return out;
  };

  /** A selection on rows of `table`. */
  const walkRows = (table: TableName, selectionSet: SelectionSetNode | undefined): void => {
    const meta = tableMeta(table);
    for (const field of fieldsOf(selectionSet)) {
      const name = field.name.value;
      const rel = meta.objectRelationships[name] ?? meta.arrayRelationships[name];
      if (rel) {
        tables.add(rel.table);
        walkArgs(rel.table, field);
        walkRows(rel.table, field.selectionSet);
        continue;
      }
      const aggregated = name.endsWith("_aggregate") ? meta.arrayRelationships[name.slice(0, -"_aggregate".length)] : undefined;
      if (aggregated) {
        tables.add(aggregated.table);
        walkArgs(aggregated.table, field);
        walkAggregate(aggregated.table, field.selectionSet);
      }
    }
  };

  /** A selection on `t_aggregate { aggregate nodes }`. */
  const walkAggregate = (table: TableName, selectionSet: SelectionSetNode | undefined): void => {
    for (const field of fieldsOf(selectionSet)) {
      if (field.name.value === "nodes") walkRows(table, field.selectionSet);
    }
  };

  for (const field of info.fieldNodes) {
    walkArgs(root, field);
    if (field.name.value.endsWith("_aggregate") && field.name.value !== root) walkAggregate(root, field.selectionSet);
    else walkRows(root, field.selectionSet);
  }
  return tables;
}
