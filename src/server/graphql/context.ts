import type { AppDeps } from "../deps.ts";

/** Per-request GraphQL context. */
export interface GraphQLContext extends AppDeps {
  request: Request;
  /** From the `X-PREFECT-AGENT-ID` header, which the agent sends on every request after registering. */
  agentIdHeader: string | null;
  /** Per-request cache for batching relationship loads (owned by the read API). */
  loaders: Map<string, unknown>;
  /** Set by the read-cost plugin: the operation's estimated cost and when its reads must end. */
  readCost?: number;
  readDeadline?: number;
}

/** A piece of the schema: SDL plus its resolvers. The read API and the mutations each export one. */
export interface SchemaPart {
  typeDefs: string;
  resolvers: Record<string, Record<string, unknown>>;
}
