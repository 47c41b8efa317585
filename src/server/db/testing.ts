import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import pg from "pg";

/**
 * The databases an API test suite runs on: always a fresh SQLite file, and PostgreSQL when
 * `DATABASE_URL_TEST` (or a `postgres://` `DATABASE_URL`) names one. Each PostgreSQL suite gets
 * its own schema-less fresh database so suites never see each other's rows.
 */
export interface TestDatabase {
  name: "sqlite" | "postgres";
  url: string;
  drop(): Promise<void>;
}

export function testPostgresUrl(): string | undefined {
  const url = process.env.DATABASE_URL_TEST ?? process.env.DATABASE_URL;
  return url && /^postgres(ql)?:\/\//.test(url) ? url : undefined;
}

export function testDialects(): ("sqlite" | "postgres")[] {
  return testPostgresUrl() ? ["sqlite", "postgres"] : ["sqlite"];
}

export async function createTestDatabase(kind: "sqlite" | "postgres"): Promise<TestDatabase> {
  if (kind === "sqlite") {
    const dir = mkdtempSync(join(tmpdir(), "tern-test-"));
    return { name: "sqlite", url: join(dir, "tern.db"), drop: async () => rmSync(dir, { recursive: true, force: true }) };
  }
  const adminUrl = testPostgresUrl();
  if (!adminUrl) throw new Error("No PostgreSQL configured: set DATABASE_URL_TEST=postgres://…");
  const name = `tern_test_${process.pid}_${Math.random().toString(36).slice(2, 10)}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return {
    name: "postgres",
    url: url.toString(),
    drop: async () => {
      const client = new pg.Client({ connectionString: adminUrl });
      await client.connect();
      await client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await client.end();
    },
  };
}
