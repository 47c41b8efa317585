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
  /**
   * The URL people reach the server at when it is not the bound address (a reverse proxy, a DNS
   * name): its host is accepted in `Host`, its origin in `Origin`, and printed links use it.
   */
  publicUrl?: string;
  /** Browser origins besides the server's own that may call the API (e.g. a dashboard served elsewhere). */
  allowedOrigins: string[];
}

/** A configuration value that cannot work; the CLI prints its message as one line. */
export class ConfigError extends Error {}

export function ternHome(): string {
  return process.env.TERN_HOME ?? join(homedir(), ".tern");
}

function httpUrl(value: string, what: string): URL {
  const url = URL.canParse(value) ? new URL(value) : undefined;
  if (!url || (url.protocol !== "http:" && url.protocol !== "https:") || url.username || url.password) {
    throw new ConfigError(`${what} must be an http:// or https:// URL, got ${JSON.stringify(value)}.`);
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
    if (url.pathname !== "/" || url.search || url.hash) throw new ConfigError(`--allowed-origins (TERN_ALLOWED_ORIGINS) takes origins (scheme://host:port) without a path, got ${JSON.stringify(item)}.`);
    return url.origin;
  });
}

export function defaultServerConfig(overrides: Partial<ServerConfig> = {}): ServerConfig {
  const config: ServerConfig = {
    host: process.env.TERN_HOST ?? "127.0.0.1",
    port: Number(process.env.TERN_PORT ?? 4200),
    databaseUrl: process.env.DATABASE_URL ?? join(ternHome(), "tern.db"),
    uiDir: join(import.meta.dirname, "../../dist"),
    zombieTimeoutSeconds: Number(process.env.TERN_ZOMBIE_TIMEOUT ?? 60),
    auth: process.env.TERN_AUTH === "1" || process.env.TERN_AUTH === "true",
    publicUrl: process.env.TERN_PUBLIC_URL || undefined,
    allowedOrigins: process.env.TERN_ALLOWED_ORIGINS ? parseAllowedOrigins(process.env.TERN_ALLOWED_ORIGINS) : [],
    ...Object.fromEntries(Object.entries(overrides).filter(([, v]) => v !== undefined)),
  };
  return {
    ...config,
    publicUrl: config.publicUrl === undefined ? undefined : parsePublicUrl(config.publicUrl),
    allowedOrigins: parseAllowedOrigins(config.allowedOrigins),
  };
}
