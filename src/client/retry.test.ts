import type { TypedDocumentNode } from "@graphql-typed-document-node/core";
import { parse } from "graphql";
import { createServer, type Server } from "node:http";
import { afterEach, describe, expect, it } from "vitest";
import { TernClient } from "./client.ts";
import { TernApiError, TernConnectionError } from "./errors.ts";
import { backoffDelay, isTransient, policyFromEnv, type RetryPolicy, withRetry } from "./retry.ts";

const policy: RetryPolicy = { baseMs: 100, maxDelayMs: 2000, totalMs: 10_000 };

/** A fake clock: sleeping advances it, so the budget is tested without waiting. */
function fakeTime() {
  let t = 0;
  const waits: number[] = [];
  return {
    waits,
    now: () => t,
    sleep: async (ms: number) => {
      waits.push(ms);
      t += ms;
    },
  };
}

const refused = () => new TernConnectionError("http://127.0.0.1:1/graphql", "ECONNREFUSED");

describe("backoffDelay", () => {
  it("doubles from the base and stays within [ceiling/2, ceiling]", () => {
    expect([0, 1, 2, 3].map((n) => backoffDelay(n, policy, () => 0))).toEqual([50, 100, 200, 400]);
    expect([0, 1, 2, 3].map((n) => backoffDelay(n, policy, () => 1))).toEqual([100, 200, 400, 800]);
  });

  it("never waits longer than the cap, however many attempts", () => {
    for (const n of [5, 10, 50, 1000]) expect(backoffDelay(n, policy, () => 1)).toBe(2000);
    expect(backoffDelay(1000, policy, () => 0)).toBe(1000);
  });
});

describe("withRetry", () => {
  it("retries transport failures until the call succeeds", async () => {
    const time = fakeTime();
    let calls = 0;
    const value = await withRetry(
      async () => {
        if (++calls < 4) throw refused();
        return "ok";
      },
      policy,
      { ...time, random: () => 1 },
    );
    expect(value).toBe("ok");
    expect(calls).toBe(4);
    expect(time.waits).toEqual([100, 200, 400]);
  });

  it("never retries an answer from the server", async () => {
    const time = fakeTime();
    let calls = 0;
    const error = await withRetry(
      async () => {
        calls++;
        throw new TernApiError("Cannot query field", "GRAPHQL_VALIDATION_FAILED");
      },
      policy,
      time,
    ).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TernApiError);
    expect(calls).toBe(1);
    expect(time.waits).toEqual([]);
  });

  it("gives up with the last transport error once the total budget would be passed", async () => {
    const time = fakeTime();
    let calls = 0;
    const error = await withRetry(
      async () => {
        calls++;
        throw refused();
      },
      { ...policy, totalMs: 5000 },
      { ...time, random: () => 1 },
    ).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TernConnectionError);
    // 100+200+400+800+1600 = 3100; the next wait (capped at 2000) would end at 5100 > 5000.
    expect(time.waits).toEqual([100, 200, 400, 800, 1600]);
    expect(calls).toBe(6);
    expect(time.now()).toBeLessThanOrEqual(5000);
  });
});

describe("isTransient and policyFromEnv", () => {
  it("only connection failures and an unavailable database are transient", () => {
    expect(isTransient(refused())).toBe(true);
    expect(isTransient(new TernApiError("The database is busy", "DATABASE_UNAVAILABLE"))).toBe(true);
    expect(isTransient(new TernApiError("Version mismatch", "VERSION_LOCKING_ERROR"))).toBe(false);
    expect(isTransient(new Error("boom"))).toBe(false);
  });

  it("TERN_RETRY_FOR_MS replaces the total budget; junk is ignored", () => {
    expect(policyFromEnv(policy, { TERN_RETRY_FOR_MS: "250" }).totalMs).toBe(250);
    expect(policyFromEnv(policy, { TERN_RETRY_FOR_MS: "soon" })).toEqual(policy);
    expect(policyFromEnv(policy, {})).toEqual(policy);
  });
});

// Through a real HTTP server on loopback that plays a proxy in front of a restarting server.
describe("TernClient retries over HTTP", () => {
  const hello = parse("query { hello }") as TypedDocumentNode<{ hello: string }, Record<string, never>>;
  const mutate = parse("mutation { touch }") as TypedDocumentNode<{ touch: boolean }, Record<string, never>>;
  let server: Server | undefined;
  afterEach(() => new Promise<void>((r) => (server ? server.close(() => r()) : r())));

  /** Answers each request with the next status; 200 answers carry GraphQL data or errors. */
  async function serve(answers: { status: number; body?: unknown }[]) {
    let n = 0;
    server = createServer((req, res) => {
      req.resume();
      const answer = answers[Math.min(n++, answers.length - 1)];
      res.writeHead(answer.status, { "content-type": answer.status === 200 ? "application/json" : "text/plain" });
      res.end(answer.status === 200 ? JSON.stringify(answer.body) : "Service Unavailable");
    });
    await new Promise<void>((r) => server!.listen(0, "127.0.0.1", r));
    const { port } = server.address() as { port: number };
    return { url: `http://127.0.0.1:${port}/graphql`, count: () => n };
  }

  const fast: RetryPolicy = { baseMs: 5, maxDelayMs: 20, totalMs: 2000 };

  it("rides out 502/503/504 answers", async () => {
    const api = await serve([{ status: 502 }, { status: 503 }, { status: 504 }, { status: 200, body: { data: { hello: "back" } } }]);
    const client = new TernClient({ api: api.url, retryPolicy: fast });
    expect(await client.request(hello, {})).toEqual({ hello: "back" });
    expect(api.count()).toBe(4);
  });

  it("sends a GraphQL error once", async () => {
    const api = await serve([{ status: 200, body: { errors: [{ message: "nope", extensions: { code: "BAD_USER_INPUT" } }] } }]);
    const client = new TernClient({ api: api.url, retryPolicy: fast });
    const error = await client.request(hello, {}).catch((e: unknown) => e);
    expect((error as TernApiError).code).toBe("BAD_USER_INPUT");
    expect(api.count()).toBe(1);
  });

  it("re-sends a request the server's database could not take (DATABASE_UNAVAILABLE), like a lost connection", async () => {
    const unavailable = { status: 200, body: { errors: [{ message: "busy", extensions: { code: "DATABASE_UNAVAILABLE" } }], data: null } };
    const api = await serve([unavailable, unavailable, { status: 200, body: { data: { touch: true } } }]);
    const client = new TernClient({ api: api.url, retryPolicy: fast });
    expect(await client.request(mutate, {}, { retry: true })).toEqual({ touch: true });
    expect(api.count()).toBe(3);
  });

  it("re-sends a mutation only when asked to", async () => {
    const api = await serve([{ status: 503 }, { status: 200, body: { data: { touch: true } } }]);
    const client = new TernClient({ api: api.url, retryPolicy: fast });
    expect(await client.request(mutate, {}).catch((e: unknown) => e)).toBeInstanceOf(TernConnectionError);
    expect(await client.request(mutate, {}, { retry: true })).toEqual({ touch: true });
    expect(api.count()).toBe(2);
  });

  it("keeps its connection open between requests", async () => {
    const api = await serve([{ status: 200, body: { data: { hello: "again" } } }]);
    let connections = 0;
    server!.on("connection", () => connections++);
    const client = new TernClient({ api: api.url, retryPolicy: fast });
    for (let i = 0; i < 3; i++) expect(await client.request(hello, {})).toEqual({ hello: "again" });
    expect(api.count()).toBe(3);
    expect(connections).toBe(1);
  });

  it("an answer cut off halfway is a lost connection, and a 401 without a GraphQL body is UNAUTHENTICATED", async () => {
    let n = 0;
    server = createServer((req, res) => {
      req.resume();
      if (n++ === 0) {
        res.writeHead(200, { "content-type": "application/json", "content-length": "100" });
        res.write('{"data":');
        setTimeout(() => res.destroy(), 10);
      } else res.writeHead(401, { "content-type": "text/plain" }).end("Unauthorized");
    });
    await new Promise<void>((r) => server!.listen(0, "127.0.0.1", r));
    const { port } = server.address() as { port: number };
    const client = new TernClient({ api: `http://127.0.0.1:${port}/graphql`, retryPolicy: fast });
    expect(await client.request(mutate, {}).catch((e: unknown) => e)).toBeInstanceOf(TernConnectionError);
    const refused = await client.request(mutate, {}).catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(TernApiError);
    expect((refused as TernApiError).code).toBe("UNAUTHENTICATED");
  });
});
