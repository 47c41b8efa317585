import pg from "pg";
import { createTestDatabase, type TestDatabase } from "../../src/server/db/testing.ts";

/**
 * The databases a bench runs on: a fresh SQLite file always, and a fresh PostgreSQL database
 * (dropped afterwards) when one answers at `DATABASE_URL_TEST` or the local default.
 */
const LOCAL_POSTGRES = "postgres://postgres@127.0.0.1:5432/test";

async function postgresReachable(url: string): Promise<boolean> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 2000 });
  try {
    await client.connect();
    return true;
  } catch {
    return false;
  } finally {
    await client.end().catch(() => {});
  }
}

/** `TERN_BENCH_DATABASES=postgres` (or `sqlite`) runs one of them only: a full-size seed takes minutes. */
export async function benchDatabases(): Promise<("sqlite" | "postgres")[]> {
  process.env.DATABASE_URL_TEST ??= LOCAL_POSTGRES;
  const wanted = (process.env.TERN_BENCH_DATABASES ?? "sqlite,postgres").split(",");
  const reachable = await postgresReachable(process.env.DATABASE_URL_TEST);
  return (["sqlite", "postgres"] as const).filter((kind) => wanted.includes(kind) && (kind === "sqlite" || reachable));
}

export const freshDatabase = (kind: "sqlite" | "postgres"): Promise<TestDatabase> => createTestDatabase(kind);
