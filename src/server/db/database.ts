import { mkdirSync } from "node:fs";
import { dirname } from "node:path";
import SQLite from "better-sqlite3";
import { type Kysely, Migrator, PostgresDialect } from "kysely";
import { toTimestamp } from "../../core/timestamps.ts";
import type { Dialect } from "./codec.ts";
import { migrationProvider } from "./migrations.ts";
import { ImmediateSqliteDialect, RetryingKysely } from "./retrying-transactions.ts";
import { withStatementCache } from "./statement-cache.ts";
import type { Database } from "./tables.ts";

export type Db = Kysely<Database>;

const TIMESTAMPTZ_OID = 1184;

export interface OpenedDatabase {
  db: Db;
  dialect: Dialect;
  /** The PostgreSQL connection string, for LISTEN/NOTIFY on a dedicated connection. */
  postgresUrl?: string;
  close(): Promise<void>;
}

export function isPostgresUrl(url: string | undefined): url is string {
  return !!url && /^postgres(ql)?:\/\//.test(url);
}

/**
 * Opens the database named by `url`: a `postgres://` URL, or a path to an SQLite file (created with
 * its folder if missing). Runs the migrations before returning.
 */
/** timestamptz as text, not a Date: a Date would drop the microseconds PostgreSQL keeps. Every pool of the server uses these. */
export function postgresTypes(pg: typeof import("pg").default): import("pg").CustomTypesConfig {
  const types = new pg.TypeOverrides();
  types.setTypeParser(TIMESTAMPTZ_OID, toTimestamp);
  return types;
}

export async function openDatabase(url: string): Promise<OpenedDatabase> {
  let opened: OpenedDatabase;
  if (isPostgresUrl(url)) {
    // Loaded on use: a server on SQLite never loads the PostgreSQL driver.
    const { default: pg } = await import("pg");
    const pool = new pg.Pool({ connectionString: url, max: 10, types: postgresTypes(pg) });
    // An idle client whose backend goes away (PostgreSQL restart, failover, a dropped database)
    // emits 'error'; unhandled, that would crash the server. The pool discards the client and the
    // next query opens a fresh connection, so noting it is enough.
    pool.on("error", (error) => console.warn(`PostgreSQL: idle connection lost (${error.message}); reconnecting on next query`));
    // A connection checked out of the pool gets no pool listener: when its backend is terminated
    // between two statements, the 'error' it emits would be uncaught and end the process. Its next
    // query fails instead (a transient error: retried or answered DATABASE_UNAVAILABLE), and the pool
    // drops the broken connection when it is released.
    pool.on("connect", (client) => client.on("error", () => {}));
    const db = new RetryingKysely<Database>({ dialect: new PostgresDialect({ pool }) });
    opened = { db, dialect: "postgres", postgresUrl: url, close: () => db.destroy() };
  } else {
    if (url !== ":memory:") mkdirSync(dirname(url), { recursive: true });
    const sqlite = new SQLite(url);
    // Each wait for another process's write lock blocks the event loop, so it is short; a write
    // transaction still refused after it is run again after an asynchronous pause (RetryingKysely).
    sqlite.pragma("busy_timeout = 1000");
    sqlite.pragma("journal_mode = WAL");
    sqlite.pragma("synchronous = NORMAL");
    sqlite.pragma("foreign_keys = ON");
    // Hasura's `_like` is case-sensitive and `_ilike` is not; SQLite's LIKE is case-insensitive by default.
    sqlite.pragma("case_sensitive_like = ON");
    const inTransaction = () => sqlite.inTransaction;
    // One connection runs one transaction at a time: those that arrive meanwhile share the next commit.
    const db = new RetryingKysely<Database>({ dialect: new ImmediateSqliteDialect({ database: withStatementCache(sqlite) }, inTransaction) }, undefined, { inTransaction });
    opened = { db, dialect: "sqlite", close: () => db.destroy() };
  }
  await migrate(opened.db);
  return opened;
}

export async function migrate(db: Db): Promise<void> {
  const migrator = new Migrator({ db, provider: migrationProvider });
  const { error, results } = await migrator.migrateToLatest();
  if (error) {
    const failed = results?.find((r) => r.status === "Error");
    throw new Error(`Database migration ${failed?.migrationName ?? ""} failed: ${error instanceof Error ? error.message : String(error)}`, { cause: error });
  }
}
