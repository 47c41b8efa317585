import type { GraphQLSchema } from "graphql";
import { createSchema } from "graphql-yoga";
import type { GraphQLContext, SchemaPart } from "./context.ts";
import { mutationPart } from "./mutations/part.ts";
import { readPart } from "./read/part.ts";
import { scalarsPart } from "./scalars.ts";

/** The whole GraphQL schema: scalars + the generated read API (with live subscriptions) + the Prefect mutations. */
export function buildSchema(): GraphQLSchema {
  const parts: SchemaPart[] = [scalarsPart, readPart(), mutationPart()];
  const resolvers: Record<string, Record<string, unknown>> = {};
  for (const part of parts) {
    for (const [typeName, fields] of Object.entries(part.resolvers)) {
      if (fields instanceof Object && !(fields.constructor === Object)) {
        resolvers[typeName] = fields; // a GraphQLScalarType instance
      } else {
        resolvers[typeName] = { ...(resolvers[typeName] ?? {}), ...fields };
      }
    }
  }
  return createSchema<GraphQLContext>({ typeDefs: parts.map((p) => p.typeDefs), resolvers: resolvers as never });
}
