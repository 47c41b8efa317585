import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { createApp } from "./app.ts";
import { createKeyGuard } from "./auth/key-guard.ts";
import { defaultServerConfig, type ServerConfig } from "./config.ts";
import { openDatabase } from "./db/database.ts";
import { describeOpenError } from "./db/open-errors.ts";
import { openReadPool, READ_POOL_SIZE } from "./db/read-pool.ts";
import { createChangeFeed } from "./feed.ts";
import type { AppDeps } from "./deps.ts";
import { createRequestHandler } from "./http.ts";
import { Metrics } from "./metrics.ts";
import { startBackgroundServices } from "./services/background.ts";
import { ensureDefaultTenant } from "./services/tenants.ts";

export interface RunningServer {
  /** Where this process listens. */
  url: string;
  /** The URL to show people: `--public-url` when set, else `url`. */
  publicUrl: string;
  graphqlUrl: string;
  deps: AppDeps;
  close(): Promise<void>;
}

/** Opens the database (migrating it), builds the app and listens. Port 0 picks a free port. */
export async function startServer(overrides: Partial<ServerConfig> = {}): Promise<RunningServer> {
  const config = defaultServerConfig(overrides);
  const opened = await openDatabase(config.databaseUrl).catch((error: unknown) => {
    throw new Error(describeOpenError(config.databaseUrl, error), { cause: error });
  });
  const tenantId = await ensureDefaultTenant(opened.db, opened.dialect);
  const events = await createChangeFeed(opened);
  const apiKeys = config.auth ? createKeyGuard({ db: opened.db, dialect: opened.dialect, events, databaseUrl: config.databaseUrl }) : undefined;
  const reads = await openReadPool(config.databaseUrl, opened.dialect, { timeoutMs: config.readTimeoutMs, size: READ_POOL_SIZE[opened.dialect] });
  const deps: AppDeps = { db: opened.db, dialect: opened.dialect, events, config, tenantId, apiKeys, reads };
  const metrics = new Metrics();
  const yoga = createApp(deps, metrics);
  const server: Server = createServer(createRequestHandler(yoga, deps, metrics));
  server.keepAliveTimeout = 65_000;
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(config.port, config.host, () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  const host = config.host.includes(":") ? `[${config.host}]` : config.host;
  const url = `http://${host}:${port}`;
  const stopBackground = startBackgroundServices(deps, config.publicUrl ?? url);
  return {
    url,
    publicUrl: config.publicUrl ?? url,
    graphqlUrl: `${url}/graphql`,
    deps,
    async close() {
      stopBackground();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      apiKeys?.close();
      await reads?.close();
      await events.close();
      await opened.close();
    },
  };
}
