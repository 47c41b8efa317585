import type { SchemaPart } from "../context.ts";

/** STUB (replaced by the mutations): Prefect-style mutations, thin resolvers over services. */
export function mutationPart(): SchemaPart {
  return {
    typeDefs: /* GraphQL */ `
      type Mutation { noop: Boolean }
    `,
    resolvers: { Mutation: { noop: () => true } },
  };
}
