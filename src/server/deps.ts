import type { ApiKeyGuard } from "./auth/key-guard.ts";
import type { ServerConfig } from "./config.ts";
import type { Dialect } from "./db/codec.ts";
import type { Db } from "./db/database.ts";
import type { ReadPool } from "./db/read-pool-types.ts";
import type { ChangeFeed } from "./events.ts";

/** What every resolver and service gets: built once per server. Lives below the GraphQL layer so services never import it. */
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
