import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "../db/testing.ts";
import { type RunningServer, startServer } from "../main.ts";
import { createApiKey, VERIFIED_KEY_TTL_MS, verifyApiKey } from "./api-keys.ts";

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

  it("trusts a verified key for a few seconds, then sees its revocation", async () => {
    const db = server.deps.db as any;
    const { id, key } = await createApiKey(db, "revoked-later");
    const t0 = 1_000_000;
    expect(await verifyApiKey(db, key, t0)).toBe(true);
    await db.updateTable("api_key").set({ revoked: 1 }).where("id", "=", id).execute();
    expect(await verifyApiKey(db, key, t0 + VERIFIED_KEY_TTL_MS - 1)).toBe(true);
    expect(await verifyApiKey(db, key, t0 + VERIFIED_KEY_TTL_MS)).toBe(false);
    expect(await verifyApiKey(db, key, t0 + VERIFIED_KEY_TTL_MS + 1)).toBe(false);
  });

  it("keeps /healthz open", async () => {
    expect((await fetch(`${server.url}/healthz`)).status).toBe(200);
  });
});
