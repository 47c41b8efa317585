import { type Client, createClient, type ExecutionResult } from "graphql-sse";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { createApiKey } from "../../auth/api-keys.ts";
import { encodeRow } from "../../db/codec.ts";
import { createTestDatabase, type TestDatabase } from "../../db/testing.ts";
import { type RunningServer, startServer } from "../../main.ts";
import { insert, seedFlow } from "../read/fixtures.ts";
import { STREAM_PATH } from "./single-connection.ts";

const RUN_NAME = `subscription($id: uuid!) { flow_run_by_pk(id: $id) { name } }`;

/** Results of one operation, read in order; `stop()` ends it the way a page leaving does. */
function follow(client: Client<boolean>, query: string, variables: Record<string, unknown>) {
  const results: ExecutionResult<Record<string, unknown>, unknown>[] = [];
  let failure: unknown;
  const stop = client.subscribe<Record<string, unknown>>({ query, variables }, { next: (r) => void results.push(r), error: (e) => (failure = e), complete: () => {} });
  return {
    results,
    stop,
    /** Waits for the `n`th result (1-based). */
    nth: (n: number) =>
      vi.waitFor(() => {
        if (failure) throw new Error(`operation failed: ${String(failure)}`);
        expect(results.length).toBeGreaterThanOrEqual(n);
        return results[n - 1];
      }, { timeout: 10_000, interval: 10 }),
  };
}

async function liveSubscriptions(server: RunningServer): Promise<number> {
  const text = await (await fetch(`${server.url}/metrics`)).text();
  return Number(text.match(/^tern_live_subscriptions (\d+)$/m)?.[1]);
}

/** A real server on a fresh SQLite file for the enclosing describe; read `.server` inside tests. */
function realServer(auth: boolean) {
  const held = {} as { server: RunningServer; testDb: TestDatabase };
  beforeAll(async () => {
    held.testDb = await createTestDatabase("sqlite");
    held.server = await startServer({ port: 0, databaseUrl: held.testDb.url, auth });
  });
  afterAll(async () => {
    await held.server?.close();
    await held.testDb?.drop();
  });
  return held;
}

describe("live queries over one connection", () => {
  const held = realServer(false);
  let server: RunningServer;
  beforeAll(() => {
    server = held.server;
  });

  const rename = async (id: string, name: string) => {
    await server.deps.db.updateTable("flow_run").set(encodeRow("flow_run", { name }, server.deps.dialect) as never).where("id", "=", id).execute();
    server.deps.events.publish(["flow_run"]);
  };

  it("carries several operations on one event stream, each with its own updates, and stops one on the server", async () => {
    const { flowId } = await seedFlow(server.deps, "One connection", "multiplexed");
    const [a, b] = await insert(server.deps, "flow_run", [
      { flow_id: flowId, name: "a0" },
      { flow_id: flowId, name: "b0" },
    ]);
    const methods: string[] = [];
    const client = createClient({
      url: `${server.url}${STREAM_PATH}`,
      singleConnection: true,
      retryAttempts: 0,
      fetchFn: (url: string, init: RequestInit) => {
        methods.push(init.method ?? "GET");
        return fetch(url, init);
      },
    });
    const before = await liveSubscriptions(server);
    expect(before).toBe(0);
    try {
      const first = follow(client, RUN_NAME, { id: a });
      const second = follow(client, RUN_NAME, { id: b });
      expect((await first.nth(1)).data).toEqual({ flow_run_by_pk: { name: "a0" } });
      expect((await second.nth(1)).data).toEqual({ flow_run_by_pk: { name: "b0" } });

      await rename(a, "a1");
      expect((await first.nth(2)).data).toEqual({ flow_run_by_pk: { name: "a1" } });
      await rename(b, "b1");
      expect((await second.nth(2)).data).toEqual({ flow_run_by_pk: { name: "b1" } });
      // Each operation saw only its own change (unchanged results are dropped by the live plugin).
      expect(first.results).toHaveLength(2);

      // One reservation, one event stream, one POST per operation: the stream is the only long request.
      expect(methods.filter((m) => m === "GET")).toHaveLength(1);
      expect(methods.filter((m) => m === "PUT")).toHaveLength(1);
      expect(methods.filter((m) => m === "POST")).toHaveLength(2);
      expect(await liveSubscriptions(server)).toBe(before + 2);

      first.stop();
      await vi.waitFor(async () => expect(await liveSubscriptions(server)).toBe(before + 1), { timeout: 10_000, interval: 20 });
      expect(methods.filter((m) => m === "DELETE")).toHaveLength(1);
      await rename(b, "b2");
      expect((await second.nth(3)).data).toEqual({ flow_run_by_pk: { name: "b2" } });
      await rename(a, "a2");
      await rename(b, "b3");
      expect((await second.nth(4)).data).toEqual({ flow_run_by_pk: { name: "b3" } });
      expect(first.results).toHaveLength(2);
    } finally {
      client.dispose();
    }
    // Closing the event stream stops whatever still ran on it.
    await vi.waitFor(async () => expect(await liveSubscriptions(server)).toBe(before), { timeout: 10_000, interval: 20 });
  });

  it("takes only subscriptions, with coded errors for bad operations and methods", async () => {
    const reserve = await fetch(`${server.url}${STREAM_PATH}`, { method: "PUT" });
    expect(reserve.status).toBe(201);
    const token = await reserve.text();
    const post = (body: unknown) =>
      fetch(`${server.url}${STREAM_PATH}`, { method: "POST", headers: { "content-type": "application/json", "x-graphql-event-stream-token": token }, body: JSON.stringify(body) });
    const codeOf = async (response: Response) => ((await response.json()) as { errors: { extensions: { code: string } }[] }).errors[0].extensions.code;

    const query = await post({ query: "{ flow_run { id } }", extensions: { operationId: "q" } });
    expect(query.status).toBe(400);
    expect(await codeOf(query)).toBe("BAD_REQUEST");
    const broken = await post({ query: "subscription {", extensions: { operationId: "p" } });
    expect(broken.status).toBe(400);
    expect(await codeOf(broken)).toBe("GRAPHQL_PARSE_FAILED");
    const deep = JSON.parse(`${"[".repeat(100)}1${"]".repeat(100)}`);
    const tooDeep = await post({ query: RUN_NAME, variables: { id: deep }, extensions: { operationId: "d" } });
    expect(tooDeep.status).toBe(400);
    expect(await codeOf(tooDeep)).toBe("BAD_USER_INPUT");
    const invalid = await post({ query: "subscription { no_such_field }", extensions: { operationId: "v" } });
    expect(invalid.status).toBe(400);
    expect(await codeOf(invalid)).toBe("GRAPHQL_VALIDATION_FAILED");

    const patch = await fetch(`${server.url}${STREAM_PATH}`, { method: "PATCH" });
    expect(patch.status).toBe(405);
    expect(await codeOf(patch)).toBe("METHOD_NOT_ALLOWED");
    const big = await post({ query: RUN_NAME, variables: { id: "x".repeat(100_000) }, extensions: { operationId: "b" } });
    expect(big.status).toBe(413);
  });
});

describe("live queries over one connection, --auth", () => {
  const held = realServer(true);
  let server: RunningServer;
  beforeAll(() => {
    server = held.server;
  });

  it("refuses to reserve a stream or add an operation without a key", async () => {
    const url = `${server.url}${STREAM_PATH}`;
    const refused = await fetch(url, { method: "PUT" });
    expect(refused.status).toBe(401);
    expect(((await refused.json()) as { errors: { extensions: { code: string } }[] }).errors[0].extensions.code).toBe("UNAUTHENTICATED");

    const { key } = await createApiKey(server.deps.db, "stream");
    const reserve = await fetch(url, { method: "PUT", headers: { authorization: `Bearer ${key}` } });
    expect(reserve.status).toBe(201);
    const token = await reserve.text();
    // The stream's token is no key: each request on it needs one.
    const withoutKey = await fetch(url, {
      method: "POST",
      headers: { "content-type": "application/json", "x-graphql-event-stream-token": token },
      body: JSON.stringify({ query: "subscription { project { id } }", extensions: { operationId: "1" } }),
    });
    expect(withoutKey.status).toBe(401);
    expect((await fetch(url, { headers: { accept: "text/event-stream", "x-graphql-event-stream-token": token } })).status).toBe(401);

    const client = createClient({ url, singleConnection: true, retryAttempts: 0, headers: { authorization: `Bearer ${key}` } });
    try {
      const projects = follow(client, "subscription { project { name } }", {});
      expect((await projects.nth(1)).data).toEqual({ project: [] });
    } finally {
      client.dispose();
    }
  });
});
