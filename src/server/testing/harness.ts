import { createApp, type TernYoga } from "../app.ts";
import { defaultServerConfig } from "../config.ts";
import { openDatabase } from "../db/database.ts";
import { openReadPool, READ_POOL_SIZE } from "../db/read-pool.ts";
import { createTestDatabase, type TestDatabase } from "../db/testing.ts";
import { createChangeFeed } from "../feed.ts";
import type { AppDeps } from "../deps.ts";
import { Metrics } from "../metrics.ts";
import { ensureDefaultTenant } from "../services/tenants.ts";

export interface GraphQLResponse<T = any> {
  data?: T;
  errors?: { message: string; extensions?: { code?: string } }[];
}

export interface TestApp {
  yoga: TernYoga;
  deps: AppDeps;
  /** Runs one operation through `yoga.fetch` (no port) and returns the parsed JSON body. */
  gql<T = any>(query: string, variables?: Record<string, unknown>, headers?: Record<string, string>): Promise<GraphQLResponse<T>>;
  /** Like gql, but throws on errors and returns `data`. */
  ok<T = any>(query: string, variables?: Record<string, unknown>, headers?: Record<string, string>): Promise<T>;
  close(): Promise<void>;
}

/**
 * A real app on a real, fresh database (SQLite file or PostgreSQL), for API tests:
 * `describe.each(testDialects())("… on %s", (kind) => { const app = await createTestApp(kind) … })`.
 */
export async function createTestApp(kind: "sqlite" | "postgres"): Promise<TestApp> {
  const testDb: TestDatabase = await createTestDatabase(kind);
  const opened = await openDatabase(testDb.url);
  const tenantId = await ensureDefaultTenant(opened.db, opened.dialect);
  const events = await createChangeFeed(opened);
  const config = defaultServerConfig({ databaseUrl: testDb.url, port: 0 });
  const reads = await openReadPool(testDb.url, opened.dialect, { timeoutMs: config.readTimeoutMs, size: READ_POOL_SIZE[opened.dialect] });
  const deps: AppDeps = { db: opened.db, dialect: opened.dialect, events, config, tenantId, reads };
  const yoga = createApp(deps, new Metrics());
  const gql = async (query: string, variables?: Record<string, unknown>, headers: Record<string, string> = {}) => {
    const response = await yoga.fetch("http://localhost/graphql", {
      method: "POST",
      headers: { "content-type": "application/json", ...headers },
      body: JSON.stringify({ query, variables }),
    });
    return (await response.json()) as GraphQLResponse;
  };
  return {
    yoga,
    deps,
    gql,
    async ok(query, variables, headers) {
      const result = await gql(query, variables, headers);
      if (result.errors?.length) throw new Error(`GraphQL errors: ${JSON.stringify(result.errors)}`);
      return result.data;
    },
    async close() {
      await reads?.close();
      await events.close();
      await opened.close();
      await testDb.drop();
    },
  };
}
