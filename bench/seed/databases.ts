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

export async function benchDatabases(): Promise<("sqlite" | "postgres")[]> {
  process.env.DATABASE_URL_TEST ??= LOCAL_POSTGRES;
  return (await postgresReachable(process.env.DATABASE_URL_TEST)) ? ["sqlite", "postgres"] : ["sqlite"];
}

export const freshDatabase = (kind: "sqlite" | "postgres"): Promise<TestDatabase> => createTestDatabase(kind);
