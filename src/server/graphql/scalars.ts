import { GraphQLScalarType, type GraphQLScalarTypeConfig, Kind, type ValueNode } from "graphql";
import { createGraphQLError } from "graphql-yoga";
import { toTimestamp } from "../../core/timestamps.ts";
import type { SchemaPart } from "./context.ts";

/**
 * Scalars of both Prefect Server halves: Hasura's (`uuid`, `timestamptz`, `jsonb`) and the Python
 * API's (`UUID`, `DateTime`, `JSON`). The UI and the client use both names, so both exist.
 */

const UUID_RE = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

function badInput(message: string) {
  return createGraphQLError(message, { extensions: { code: "BAD_USER_INPUT" } });
}

function parseUuid(value: unknown): string {
  if (typeof value !== "string" || !UUID_RE.test(value)) throw badInput(`Invalid UUID: ${JSON.stringify(value)?.slice(0, 80)}`);
  return value.toLowerCase();
}

function parseTimestamp(value: unknown): string {
  if (typeof value !== "string" && typeof value !== "number") throw badInput(`Invalid timestamp: ${JSON.stringify(value)?.slice(0, 80)}`);
  try {
    return toTimestamp(value);
  } catch {
    throw badInput(`Invalid timestamp: ${JSON.stringify(value).slice(0, 80)}`);
  }
}

function literalToJson(ast: ValueNode, variables?: Record<string, unknown> | null): unknown {
  switch (ast.kind) {
    case Kind.STRING:
    case Kind.BOOLEAN:
    case Kind.ENUM:
      return ast.value;
    case Kind.INT:
    case Kind.FLOAT:
      return Number(ast.value);
    case Kind.NULL:
      return null;
    case Kind.LIST:
      return ast.values.map((v) => literalToJson(v, variables));
    case Kind.OBJECT:
      return Object.fromEntries(ast.fields.map((f) => [f.name.value, literalToJson(f.value, variables)]));
    case Kind.VARIABLE:
      return variables?.[ast.name.value] ?? null;
  }
}

function stringLiteral(ast: ValueNode): unknown {
  if (ast.kind === Kind.STRING) return ast.value;
  if (ast.kind === Kind.INT) return Number(ast.value);
  throw badInput("Expected a string literal");
}

const uuidConfig = {
  serialize: (v: unknown) => v,
  parseValue: parseUuid,
  parseLiteral: (ast: ValueNode) => parseUuid(stringLiteral(ast)),
};
const timestampConfig = {
  serialize: (v: unknown) => (v instanceof Date ? toTimestamp(v) : v),
  parseValue: parseTimestamp,
  parseLiteral: (ast: ValueNode) => parseTimestamp(stringLiteral(ast)),
};
const jsonConfig = {
  serialize: (v: unknown) => v,
  parseValue: (v: unknown) => v,
  parseLiteral: literalToJson,
};

/** A scalar's implementation as attachResolvers takes it: graphql-js fills in what the config leaves out. */
function scalar(name: string, config: Omit<GraphQLScalarTypeConfig<unknown, unknown>, "name">) {
  const { serialize, parseValue, parseLiteral } = new GraphQLScalarType({ name, ...config });
  return { serialize, parseValue, parseLiteral };
}

export const scalarsPart: SchemaPart = {
  typeDefs: /* GraphQL */ `
    scalar uuid
    scalar UUID
    scalar timestamptz
    scalar DateTime
    scalar jsonb
    scalar JSON
  `,
  resolvers: {
    uuid: scalar("uuid", uuidConfig),
    UUID: scalar("UUID", uuidConfig),
    timestamptz: scalar("timestamptz", timestampConfig),
    DateTime: scalar("DateTime", timestampConfig),
    jsonb: scalar("jsonb", jsonConfig),
    JSON: scalar("JSON", jsonConfig),
  },
};
