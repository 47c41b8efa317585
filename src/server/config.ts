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
  /** Require a bearer API key (`tern auth create-key`) on every GraphQL request. */
  auth: boolean;
}

/** Below this a heartbeat (a quarter of it) would be a request every few hundred milliseconds per run. */
export const MIN_ZOMBIE_TIMEOUT_SECONDS = 2;
export const MIN_START_TIMEOUT_SECONDS = 1;
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

/** A setting with a value the server cannot run with: the message is the one line shown at start. */
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
export function defaultServerConfig(overrides: Partial<ServerConfig> = {}): ServerConfig {
  return {
    host: process.env.TERN_HOST ?? "127.0.0.1",
    port: Number(process.env.TERN_PORT ?? 4200),
    databaseUrl: process.env.DATABASE_URL ?? join(ternHome(), "tern.db"),
    uiDir: join(import.meta.dirname, "../../dist"),
    zombieTimeoutSeconds: seconds("TERN_ZOMBIE_TIMEOUT", 60, MIN_ZOMBIE_TIMEOUT_SECONDS),
    startTimeoutSeconds: seconds("TERN_START_TIMEOUT", 600, MIN_START_TIMEOUT_SECONDS),
    auth: process.env.TERN_AUTH === "1" || process.env.TERN_AUTH === "true",
    ...Object.fromEntries(Object.entries(overrides).filter(([, v]) => v !== undefined)),
  };
}
