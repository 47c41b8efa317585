import { createClient, type ExecutionResult } from "graphql-sse";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { openDatabase } from "../db/database.ts";
import { createTestDatabase, type TestDatabase, testDialects } from "../db/testing.ts";
import { announceChange } from "../feed.ts";
import { openLiveStream } from "../graphql/live/sse.ts";
import { STREAM_PATH } from "../graphql/live/single-connection.ts";
import { type RunningServer, startServer } from "../main.ts";
import { createApiKey, listApiKeys, revokeApiKey } from "./api-keys.ts";

describe.each(testDialects())("--auth on %s", (kind) => {
  let testDb: TestDatabase;
  let server: RunningServer;
  beforeAll(async () => {
    testDb = await createTestDatabase(kind);
    server = await startServer({ port: 0, databaseUrl: testDb.url, auth: true });
  });
  afterAll(async () => {
    await server?.close();
    await testDb?.drop();
  });

  const bearer = (key: string) => ({ authorization: `Bearer ${key}` });
  const ask = (headers: Record<string, string> = {}) =>
    fetch(server.graphqlUrl, { method: "POST", headers: { "content-type": "application/json", ...headers }, body: JSON.stringify({ query: "{ hello }" }) });
  const codeOf = async (response: Response) => ((await response.json()) as { errors: { extensions: { code: string } }[] }).errors[0].extensions.code;

  /** What `tern auth revoke-key` does: its own connection to the database, then a notice to the servers. */
  async function revokeFromOutside(idOrName: string) {
    const opened = await openDatabase(testDb.url);
    try {
      const result = await revokeApiKey(opened.db, idOrName);
      await announceChange(opened, ["api_key"]);
      return result;
    } finally {
      await opened.close();
    }
  }

  /**
   * On PostgreSQL the server learns of a revocation from the change feed's notice; this resolves
   * when it has arrived (at once on SQLite, where the server reads the key on each request).
   */
  function revocationNoticed(): Promise<void> {
    if (kind === "sqlite") return Promise.resolve();
    return new Promise((resolve) => {
      const stop = server.deps.events.subscribe((topics) => {
        if (!topics.has("api_key")) return;
        stop();
        resolve();
      });
    });
  }

  it("refuses a request without a key, with a code", async () => {
    const response = await ask();
    expect(response.status).toBe(401);
    expect(await codeOf(response)).toBe("UNAUTHENTICATED");
  });

  it("refuses a wrong key and accepts a created one", async () => {
    expect((await ask(bearer("tern_nope"))).status).toBe(401);
    const { key } = await createApiKey(server.deps.db, "test");
    const response = await ask(bearer(key));
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

  it("answers /metrics only with a live key", async () => {
    const without = await fetch(`${server.url}/metrics`);
    expect(without.status).toBe(401);
    expect(without.headers.get("www-authenticate")).toBe("Bearer");
    expect(await codeOf(without)).toBe("UNAUTHENTICATED");
    expect((await fetch(`${server.url}/metrics`, { headers: bearer("tern_nope") })).status).toBe(401);
    const { key } = await createApiKey(server.deps.db, "prometheus");
    const scraped = await fetch(`${server.url}/metrics`, { headers: bearer(key) });
    expect(scraped.status).toBe(200);
    expect(await scraped.text()).toMatch(/^tern_graphql_requests_total \d+$/m);
  });

  it("records when a key was last used, and lists keys without their secret", async () => {
    const { id, key } = await createApiKey(server.deps.db, "used");
    const { id: idleId } = await createApiKey(server.deps.db, "idle");
    expect((await ask(bearer(key))).status).toBe(200);
    await vi.waitFor(async () => expect((await listApiKeys(server.deps.db)).find((k) => k.id === id)?.lastUsed).toBeTypeOf("string"), { timeout: 5_000, interval: 20 });
    const listed = await listApiKeys(server.deps.db);
    expect(listed.find((k) => k.id === idleId)).toMatchObject({ name: "idle", lastUsed: null, revokedAt: null });
    expect(JSON.stringify(listed)).not.toContain(key);
    expect(JSON.stringify(listed)).not.toContain(key.slice(5, 15));
  });

  it("refuses a revoked key on the next request, even one accepted just before", async () => {
    const { key } = await createApiKey(server.deps.db, "revoked-next");
    expect((await ask(bearer(key))).status).toBe(200);
    const noticed = revocationNoticed();
    expect((await revokeFromOutside("revoked-next")).outcome).toBe("revoked");
    await noticed;
    const refused = await ask(bearer(key));
    expect(refused.status).toBe(401);
    expect(await codeOf(refused)).toBe("UNAUTHENTICATED");
    expect((await fetch(`${server.url}/metrics`, { headers: bearer(key) })).status).toBe(401);
  });

  it("ends an open live query (SSE on /graphql) with UNAUTHENTICATED when its key is revoked", async () => {
    const { id, key } = await createApiKey(server.deps.db, "sse");
    const keyedFetch = (url: string, init: RequestInit) => fetch(url, { ...init, headers: { ...(init.headers as Record<string, string>), ...bearer(key) } });
    const stream = await openLiveStream(keyedFetch, server.graphqlUrl, "subscription { tenant { slug } }");
    try {
      expect((await stream.next()).data).toEqual({ tenant: [{ slug: "default" }] });
      await revokeFromOutside(id);
      const last = await stream.next();
      expect(last.data).toBeUndefined();
      expect(last.errors?.map((e) => e.extensions?.code)).toEqual(["UNAUTHENTICATED"]);
      await expect(stream.next()).rejects.toThrow("Live stream completed");
    } finally {
      await stream.close();
    }
  });

  it("ends an open live query on the SPA's single-connection stream with UNAUTHENTICATED when its key is revoked", async () => {
    const { id, key } = await createApiKey(server.deps.db, "spa");
    const client = createClient({ url: `${server.url}${STREAM_PATH}`, singleConnection: true, retryAttempts: 0, headers: bearer(key) });
    const results: ExecutionResult<Record<string, unknown>, unknown>[] = [];
    let completed = false;
    const failures: unknown[] = [];
    client.subscribe({ query: "subscription { tenant { slug } }" }, { next: (r) => void results.push(r), error: (e) => void failures.push(e), complete: () => (completed = true) });
    try {
      await vi.waitFor(() => expect(results).toHaveLength(1), { timeout: 10_000, interval: 10 });
      expect(results[0].data).toEqual({ tenant: [{ slug: "default" }] });
      await revokeFromOutside(id);
      await vi.waitFor(() => expect(completed).toBe(true), { timeout: 10_000, interval: 10 });
      expect(failures).toEqual([]);
      expect(results).toHaveLength(2);
      expect(results[1].errors?.map((e) => e.extensions?.code)).toEqual(["UNAUTHENTICATED"]);
      // Nothing more can be added to the stream with the revoked key.
      const more = await fetch(`${server.url}${STREAM_PATH}`, { method: "PUT", headers: bearer(key) });
      expect(more.status).toBe(401);
    } finally {
      client.dispose();
    }
  });

  it("leaves the live queries of other keys open", async () => {
    const { key: kept } = await createApiKey(server.deps.db, "kept");
    const { id: goneId, key: gone } = await createApiKey(server.deps.db, "gone");
    const withKey = (key: string) => (url: string, init: RequestInit) => fetch(url, { ...init, headers: { ...(init.headers as Record<string, string>), ...bearer(key) } });
    const keptStream = await openLiveStream(withKey(kept), server.graphqlUrl, "subscription { project { name } }");
    const goneStream = await openLiveStream(withKey(gone), server.graphqlUrl, "subscription { project { name } }");
    try {
      await keptStream.next();
      await goneStream.next();
      await revokeFromOutside(goneId);
      expect((await goneStream.next()).errors?.[0].extensions?.code).toBe("UNAUTHENTICATED");
      // The kept stream still follows changes.
      const created = await fetch(server.graphqlUrl, {
        method: "POST",
        headers: { "content-type": "application/json", ...bearer(kept) },
        body: JSON.stringify({ query: `mutation { create_project(input: { name: "after-revocation" }) { id } }` }),
      });
      expect(created.status).toBe(200);
      expect((await keptStream.next()).data).toEqual({ project: [{ name: "after-revocation" }] });
    } finally {
      await keptStream.close();
      await goneStream.close();
    }
  });
});
