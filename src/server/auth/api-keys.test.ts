import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "../db/testing.ts";
import { type RunningServer, startServer } from "../main.ts";
import { createApiKey } from "./api-keys.ts";

describe("--auth", () => {
  let testDb: TestDatabase;
  let server: RunningServer;
  beforeAll(async () => {
    testDb = await createTestDatabase("sqlite");
    server = await startServer({ port: 0, databaseUrl: testDb.url, auth: true });
  });
  afterAll(async () => {
    await server?.close();
    await testDb?.drop();
  });

  const ask = (headers: Record<string, string> = {}) =>
    fetch(server.graphqlUrl, { method: "POST", headers: { "content-type": "application/json", ...headers }, body: JSON.stringify({ query: "{ hello }" }) });

  it("refuses a request without a key, with a code", async () => {
    const response = await ask();
    expect(response.status).toBe(401);
    const body = await response.json();
    expect(body.errors[0].extensions.code).toBe("UNAUTHENTICATED");
  });

  it("refuses a wrong key and accepts a created one", async () => {
    expect((await ask({ authorization: "Bearer tern_nope" })).status).toBe(401);
    const { key } = await createApiKey(server.deps.db, "test");
    const response = await ask({ authorization: `Bearer ${key}` });
    expect(response.status).toBe(200);
    expect((await response.json()).data.hello).toBeTypeOf("string");
  });

  it("stores only a hash of the key", async () => {
    const { key } = await createApiKey(server.deps.db, "hashed");
    const rows = await (server.deps.db as any).selectFrom("api_key").selectAll().execute();
    expect(JSON.stringify(rows)).not.toContain(key);
  });

  it("keeps /healthz open", async () => {
    expect((await fetch(`${server.url}/healthz`)).status).toBe(200);
  });
});
