import type { SchemaPart } from "../context.ts";
import { liveResolvers } from "../live/subscriptions.ts";
import { extrasPart } from "./extras.ts";
import { readResolvers } from "./resolvers.ts";
import { readTypeDefs } from "./sdl.ts";

/** The Hasura-style read API generated from tables.ts, its live-query twins, and Prefect's extra queries. */
export function readPart(): SchemaPart {
  const extras = extrasPart();
  const resolvers: SchemaPart["resolvers"] = readResolvers();
  return {
    typeDefs: `${readTypeDefs()}\n${extras.typeDefs}`,
    resolvers: { ...resolvers, Query: { ...resolvers.Query, ...extras.resolvers.Query }, Subscription: liveResolvers() },
  };
}
