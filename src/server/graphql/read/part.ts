import type { SchemaPart } from "../context.ts";

/** STUB (replaced by the read API): the Hasura-style read API generated from tables.ts. */
export function readPart(): SchemaPart {
  return {
    typeDefs: /* GraphQL */ `
      type Query { hello: String }
      type Subscription { hello: String }
    `,
    resolvers: { Query: { hello: () => "👋" } },
  };
}
