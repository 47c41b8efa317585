import { mkdirSync } from "node:fs";
import { dirname } from "node:path";
import SQLite from "better-sqlite3";
import { Kysely, Migrator, PostgresDialect, SqliteDialect } from "kysely";
import { toTimestamp } from "../../core/timestamps.ts";
import type { Dialect } from "./codec.ts";
import { migrationProvider } from "./migrations.ts";
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
export async function openDatabase(url: string): Promise<OpenedDatabase> {
  let opened: OpenedDatabase;
  if (isPostgresUrl(url)) {
    // Loaded on use: a server on SQLite never loads the PostgreSQL driver.
    const { default: pg } = await import("pg");
    // timestamptz as text, not a Date: a Date would drop the microseconds PostgreSQL keeps.
    const types = { getTypeParser: (oid: number, format?: "text" | "binary") => (oid === TIMESTAMPTZ_OID ? toTimestamp : pg.types.getTypeParser(oid, format as "text")) };
    const pool = new pg.Pool({ connectionString: url, max: 10, types: types as never });
    // An idle client whose backend goes away (PostgreSQL restart, failover, a dropped database)
    // emits 'error'; unhandled, that would crash the server. The pool discards the client and the
    // next query opens a fresh connection, so noting it is enough.
    pool.on("error", (error) => console.warn(`PostgreSQL: idle connection lost (${error.message}); reconnecting on next query`));
    const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
    opened = { db, dialect: "postgres", postgresUrl: url, close: () => db.destroy() };
  } else {
    if (url !== ":memory:") mkdirSync(dirname(url), { recursive: true });
    const sqlite = new SQLite(url);
    sqlite.pragma("journal_mode = WAL");
    sqlite.pragma("synchronous = NORMAL");
    sqlite.pragma("foreign_keys = ON");
    sqlite.pragma("busy_timeout = 5000");
    // Hasura's `_like` is case-sensitive and `_ilike` is not; SQLite's LIKE is case-insensitive by default.
    sqlite.pragma("case_sensitive_like = ON");
    const db = new Kysely<Database>({ dialect: new SqliteDialect({ database: withStatementCache(sqlite) }) });
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
    throw new Error(`Database migration ${failed?.migrationName ?? ""} failed: ${error instanceof Error ? error.message : String(error)}`);
  }
}
