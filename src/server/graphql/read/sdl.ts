import { type ColumnType, TABLE_NAMES, type TableMeta, type TableName, tableMeta } from "../../db/tables.ts";

/**
 * Generates the Hasura-style SDL for every table in `tables.ts`: object types with relationships,
 * boolean expressions, order_by inputs, select_column enums and aggregates, plus the root
 * Query/Subscription fields. Names follow Hasura so Prefect 1.x documents run unchanged.
 */

export const GRAPHQL_SCALAR: Record<ColumnType, string> = {
  uuid: "uuid",
  text: "String",
  int: "Int",
  bool: "Boolean",
  timestamptz: "timestamptz",
  jsonb: "jsonb",
};

/** Column types that `max`/`min` aggregate over (PostgreSQL has no max(uuid) or max(bool)). */
export const ORDERABLE_AGGREGATE_TYPES: ReadonlySet<ColumnType> = new Set(["int", "text", "timestamptz"]);

/** Argument list shared by root list fields, array relationships and their aggregate twins. */
function listArgs(table: TableName): string {
  return `(distinct_on: [${table}_select_column!], limit: Int, offset: Int, order_by: [${table}_order_by!], where: ${table}_bool_exp)`;
}

function comparisonExp(scalar: string, extra = ""): string {
  return `
    input ${scalar}_comparison_exp {
      _eq: ${scalar}
      _neq: ${scalar}
      _gt: ${scalar}
      _gte: ${scalar}
      _lt: ${scalar}
      _lte: ${scalar}
      _in: [${scalar}!]
      _nin: [${scalar}!]
      _is_null: Boolean${extra}
    }`;
}

const LIKE_OPERATORS = `
      _like: String
      _nlike: String
      _ilike: String
      _nilike: String`;

function sharedTypes(): string {
  return `
    enum order_by {
      asc
      asc_nulls_first
      asc_nulls_last
      desc
      desc_nulls_first
      desc_nulls_last
    }
    ${comparisonExp("uuid")}
    ${comparisonExp("String", LIKE_OPERATORS)}
    ${comparisonExp("Int")}
    ${comparisonExp("Boolean")}
    ${comparisonExp("timestamptz")}
    ${comparisonExp("jsonb")}
  `;
}

function tableTypes(meta: TableMeta): string {
  const t = meta.name;
  const columns = Object.entries(meta.columns);
  const objectRels = Object.entries(meta.objectRelationships);
  const arrayRels = Object.entries(meta.arrayRelationships);
  const aggregatable = columns.filter(([, col]) => ORDERABLE_AGGREGATE_TYPES.has(col.type));

  const fields = [
    ...columns.map(([name, col]) => `${name}: ${GRAPHQL_SCALAR[col.type]}${col.nullable ? "" : "!"}`),
    ...objectRels.map(([name, rel]) => `${name}: ${rel.table}`),
    ...arrayRels.flatMap(([name, rel]) => [
      `${name}${listArgs(rel.table)}: [${rel.table}!]!`,
      `${name}_aggregate${listArgs(rel.table)}: ${rel.table}_aggregate!`,
    ]),
  ];
  const boolExp = [
    `_and: [${t}_bool_exp!]`,
    `_or: [${t}_bool_exp!]`,
    `_not: ${t}_bool_exp`,
    ...columns.map(([name, col]) => `${name}: ${GRAPHQL_SCALAR[col.type]}_comparison_exp`),
    ...objectRels.map(([name, rel]) => `${name}: ${rel.table}_bool_exp`),
    ...arrayRels.map(([name, rel]) => `${name}: ${rel.table}_bool_exp`),
  ];
  const orderBy = [
    ...columns.map(([name]) => `${name}: order_by`),
    ...objectRels.map(([name, rel]) => `${name}: ${rel.table}_order_by`),
    ...arrayRels.map(([name, rel]) => `${name}_aggregate: ${rel.table}_aggregate_order_by`),
  ];
  const minMax = aggregatable.length
    ? `
    type ${t}_max_fields { ${aggregatable.map(([name, col]) => `${name}: ${GRAPHQL_SCALAR[col.type]}`).join("\n")} }
    type ${t}_min_fields { ${aggregatable.map(([name, col]) => `${name}: ${GRAPHQL_SCALAR[col.type]}`).join("\n")} }`
    : "";
  const minMaxFields = aggregatable.length ? `max: ${t}_max_fields\n      min: ${t}_min_fields` : "";

  return `
    type ${t} {
      ${fields.join("\n      ")}
    }
    input ${t}_bool_exp {
      ${boolExp.join("\n      ")}
    }
    input ${t}_order_by {
      ${orderBy.join("\n      ")}
    }
    input ${t}_aggregate_order_by {
      count: order_by
    }
    enum ${t}_select_column {
      ${columns.map(([name]) => name).join("\n      ")}
    }
    type ${t}_aggregate {
      aggregate: ${t}_aggregate_fields
      nodes: [${t}!]!
    }
    type ${t}_aggregate_fields {
      count(columns: [${t}_select_column!], distinct: Boolean): Int!
      ${minMaxFields}
    }${minMax}
  `;
}

/** The root fields of one table; the same text serves `type Query` and `type Subscription`. */
export function rootFields(table: TableName): string {
  return `
      ${table}${listArgs(table)}: [${table}!]!
      ${table}_by_pk(id: uuid!): ${table}
      ${table}_aggregate${listArgs(table)}: ${table}_aggregate!`;
}

export function readTypeDefs(): string {
  const roots = TABLE_NAMES.map(rootFields).join("");
  return `
    ${sharedTypes()}
    ${TABLE_NAMES.map((name) => tableTypes(tableMeta(name))).join("\n")}
    type Query {${roots}
    }
    type Subscription {${roots}
    }
  `;
}
