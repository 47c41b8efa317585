import type { ApiKeyGuard } from "../auth/key-guard.ts";
import type { Dialect } from "../db/codec.ts";
import type { Db } from "../db/database.ts";
import type { ReadPool } from "../db/read-pool.ts";
import type { ChangeFeed } from "../events.ts";
import type { ServerConfig } from "../config.ts";

/** What every resolver and service gets: built once per server. */
export interface AppDeps {
  db: Db;
  dialect: Dialect;
  events: ChangeFeed;
  config: ServerConfig;
  /** The default tenant's id (Tern has one tenant, slug `default`). */
  tenantId: string;
  /** With `--auth`: which bearer keys are live (see auth/key-guard.ts). */
  apiKeys?: ApiKeyGuard;
  /** Where heavy reads run, off the event loop and under the time limit (absent: on `db`). */
  reads?: ReadPool;
}

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
