import { homedir } from "node:os";
import { join } from "node:path";

export interface ServerConfig {
  host: string;
  port: number;
  /** A `postgres://` URL or an SQLite file path. */
  databaseUrl: string;
  /** Folder of the built SPA; the dashboard is served from here when it exists. */
  uiDir: string;
  /**
   * A started run (one that heartbeated, or is Running) silent for longer than this is a zombie.
   * Flow-run processes heartbeat at {@link heartbeatSeconds} of it, so any valid value is safe.
   */
  zombieTimeoutSeconds: number;
  /**
   * A Submitted run whose process has not started (no heartbeat) this long after it was submitted is
   * rescheduled (a few times, then failed: see services/background.ts).
   */
  startTimeoutSeconds: number;
  /** How often the scheduler tops up the next runs of active schedules (they are made well ahead of time). */
  schedulerIntervalSeconds: number;
  /** Require a bearer API key (`tern auth create-key`) on every GraphQL request. */
  auth: boolean;
  /**
   * The URL people reach the server at when it is not the bound address (a reverse proxy, a DNS
   * name): its host is accepted in `Host`, its origin in `Origin`, and printed links use it.
   */
  publicUrl?: string;
  /** Browser origins besides the server's own that may call the API (e.g. a dashboard served elsewhere). */
  allowedOrigins: string[];
  /** The most a request's reads may cost (rows × fields, see graphql/read/cost.ts); over it, QUERY_TOO_COSTLY. */
  readCostBudget: number;
  /** How long a request's reads may run; past it, QUERY_TIMEOUT. */
  readTimeoutMs: number;
}

/** Below this a heartbeat (a quarter of it) would be a request every few hundred milliseconds per run. */
export const MIN_ZOMBIE_TIMEOUT_SECONDS = 2;
export const MIN_START_TIMEOUT_SECONDS = 1;
export const MIN_SCHEDULER_INTERVAL_SECONDS = 1;
/** How often a flow-run process heartbeats at most (Prefect's engine beats every 30 s; ours less lazily). */
const MAX_HEARTBEAT_SECONDS = 10;

/**
 * How often a flow-run process heartbeats for a zombie timeout: a quarter of it (capped at 10 s), so
 * three beats may be lost or delayed before a healthy run looks silent. The server hands this to
 * agents when they register; they pass it to every engine they start.
 */
export function heartbeatSeconds(zombieTimeoutSeconds: number): number {
  return Math.min(MAX_HEARTBEAT_SECONDS, zombieTimeoutSeconds / 4);
}

/** A setting with a value the server cannot run with; the CLI prints its message as one line. */
export class ServerConfigError extends Error {
  override name = "ServerConfigError";
}

function seconds(name: string, fallback: number, min: number): number {
  const raw = process.env[name];
  if (raw === undefined || raw.trim() === "") return fallback;
  const value = Number(raw);
  if (!Number.isFinite(value) || value < min) throw new ServerConfigError(`${name} must be a number of seconds ≥ ${min}, got "${raw}"`);
  return value;
}

export function ternHome(): string {
  return process.env.TERN_HOME ?? join(homedir(), ".tern");
}

/** The server's settings: environment first, then `overrides`. Throws {@link ServerConfigError} on an invalid setting. */
function httpUrl(value: string, what: string): URL {
  const url = URL.canParse(value) ? new URL(value) : undefined;
  if (!url || (url.protocol !== "http:" && url.protocol !== "https:") || url.username || url.password) {
    throw new ServerConfigError(`${what} must be an http:// or https:// URL, got ${JSON.stringify(value)}.`);
  }
  return url;
}

/** `https://tern.example.com/` → `https://tern.example.com`: printed links append their own paths. */
export function parsePublicUrl(value: string): string {
  return httpUrl(value, "--public-url (TERN_PUBLIC_URL)").href.replace(/\/+$/, "");
}

/** A comma-separated list of origins, each normalised (`HTTP://Host:80/` → `http://host`). */
export function parseAllowedOrigins(value: string | readonly string[]): string[] {
  const items = (typeof value === "string" ? value.split(",") : value).map((s) => s.trim()).filter(Boolean);
  return items.map((item) => {
    const url = httpUrl(item, "--allowed-origins (TERN_ALLOWED_ORIGINS)");
    if (url.pathname !== "/" || url.search || url.hash) throw new ServerConfigError(`--allowed-origins (TERN_ALLOWED_ORIGINS) takes origins (scheme://host:port) without a path, got ${JSON.stringify(item)}.`);
    return url.origin;
  });
}

export function defaultServerConfig(overrides: Partial<ServerConfig> = {}): ServerConfig {
  const config: ServerConfig = {
    host: process.env.TERN_HOST ?? "127.0.0.1",
    port: Number(process.env.TERN_PORT ?? 4200),
    databaseUrl: process.env.DATABASE_URL ?? join(ternHome(), "tern.db"),
    uiDir: join(import.meta.dirname, "../../dist"),
    zombieTimeoutSeconds: seconds("TERN_ZOMBIE_TIMEOUT", 60, MIN_ZOMBIE_TIMEOUT_SECONDS),
    startTimeoutSeconds: seconds("TERN_START_TIMEOUT", 600, MIN_START_TIMEOUT_SECONDS),
    schedulerIntervalSeconds: seconds("TERN_SCHEDULER_INTERVAL", 10, MIN_SCHEDULER_INTERVAL_SECONDS),
    auth: process.env.TERN_AUTH === "1" || process.env.TERN_AUTH === "true",
    publicUrl: process.env.TERN_PUBLIC_URL || undefined,
    allowedOrigins: process.env.TERN_ALLOWED_ORIGINS ? parseAllowedOrigins(process.env.TERN_ALLOWED_ORIGINS) : [],
    readCostBudget: Number(process.env.TERN_READ_COST_BUDGET ?? 10_000_000),
    readTimeoutMs: Number(process.env.TERN_READ_TIMEOUT_MS ?? 10_000),
    ...Object.fromEntries(Object.entries(overrides).filter(([, v]) => v !== undefined)),
  };
  return {
    ...config,
    publicUrl: config.publicUrl === undefined ? undefined : parsePublicUrl(config.publicUrl),
    allowedOrigins: parseAllowedOrigins(config.allowedOrigins),
  };
}
