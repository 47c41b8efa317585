import { homedir } from "node:os";
import { join } from "node:path";

export interface ServerConfig {
  host: string;
  port: number;
  /** A `postgres://` URL or an SQLite file path. */
  databaseUrl: string;
  /** Folder of the built SPA; the dashboard is served from here when it exists. */
  uiDir: string;
  /** A run whose heartbeat is older than this is a zombie (issue: nothing lost). */
  zombieTimeoutSeconds: number;
  /** Require a bearer API key (`tern auth create-key`) on every GraphQL request. */
  auth: boolean;
  /** The most a request's reads may cost (rows × fields, see graphql/read/cost.ts); over it, QUERY_TOO_COSTLY. */
  readCostBudget: number;
  /** How long a request's reads may run; past it, QUERY_TIMEOUT. */
  readTimeoutMs: number;
}

export function ternHome(): string {
  return process.env.TERN_HOME ?? join(homedir(), ".tern");
}

export function defaultServerConfig(overrides: Partial<ServerConfig> = {}): ServerConfig {
  return {
    host: process.env.TERN_HOST ?? "127.0.0.1",
    port: Number(process.env.TERN_PORT ?? 4200),
    databaseUrl: process.env.DATABASE_URL ?? join(ternHome(), "tern.db"),
    uiDir: join(import.meta.dirname, "../../dist"),
    zombieTimeoutSeconds: Number(process.env.TERN_ZOMBIE_TIMEOUT ?? 60),
    auth: process.env.TERN_AUTH === "1" || process.env.TERN_AUTH === "true",
    readCostBudget: Number(process.env.TERN_READ_COST_BUDGET ?? 10_000_000),
    readTimeoutMs: Number(process.env.TERN_READ_TIMEOUT_MS ?? 10_000),
    ...Object.fromEntries(Object.entries(overrides).filter(([, v]) => v !== undefined)),
  };
}
