import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import type { TernYoga } from "./app.ts";
import { createTestDatabase, type TestDatabase, testDialects } from "./db/testing.ts";
import { createRequestHandler } from "./http.ts";
import { type RunningServer, startServer } from "./main.ts";
import { Metrics } from "./metrics.ts";
import { rawRequest } from "./testing/raw-http.ts";
import { createUiDir } from "./testing/ui-dir.ts";

/**
 * Route-level fuzzing of the HTTP front: every method on every route, and paths built to break a
 * decoder. Whatever arrives, the request gets an HTTP answer and the server keeps answering.
 */

const METHODS = ["GET", "HEAD", "POST", "PUT", "DELETE", "PATCH", "OPTIONS", "TRACE", "PROPFIND"];
const ROUTES = ["/", "/graphql", "/graphql/stream", "/healthz", "/metrics", "/index.html", "/assets/missing.js", "/flow-run/x", "/tenant/flow/x", "/no/such/page", "/?query=%7B%20tenant%20%7B%20slug%20%7D%20%7D"];

/** Malformed percent-encoding, traversal, odd and huge request targets. */
const ODD_TARGETS = [
  "/%",
  "/%%",
  "/%zz",
  "/%E0%A4%A",
  "/%C0%AF",
  "/%00",
  "/%FF%FE",
  "/%ED%A0%80",
  "/..%2f..%2f..%2fetc%2fpasswd",
  "/%2e%2e/%2e%2e/package.json",
  "/assets/%2e%2e%2f%2e%2e%2fpackage.json",
  "/graphql%",
  "/graphql/%",
  "/graphql/stream%",
  "/graphql/stream?token=%",
  "/graphql?query=%",
  "/graphql?query=%7B&variables=%",
  "/healthz%",
  "/metrics/%",
  "//",
  "//attacker.example/x",
  "/\\..\\..\\",
  "*",
  "http://attacker.example/graphql",
  `/${"a".repeat(8_000)}`,
  `/${"%".repeat(4_000)}`,
  `/?${"%".repeat(4_000)}`,
  `/${"%C0".repeat(2_000)}`,
  `/${"../".repeat(1_000)}`,
];

/** Node's own limit on the request head is 16 KB; past it Node answers 431 before any route. */
const HUGE_TARGET = `/${"x".repeat(64 * 1024)}`;

const bodyFor = (method: string) => (method === "GET" || method === "HEAD" ? undefined : JSON.stringify({ query: "{ tenant { slug } }" }));

describe.each(testDialects())("HTTP routes on %s", (kind) => {
  let database: TestDatabase;
  let server: RunningServer;
  let port: number;

  beforeAll(async () => {
    database = await createTestDatabase(kind);
    server = await startServer({ databaseUrl: database.url, port: 0, host: "127.0.0.1", uiDir: createUiDir() });
    port = Number(new URL(server.url).port);
  });
  afterAll(async () => {
    await server?.close();
    await database?.drop();
  });

  it("answers every method on every route with an HTTP status below 500", async () => {
    const answers: string[] = [];
    for (const route of ROUTES) {
      for (const method of METHODS) {
        const { status } = await rawRequest(port, { method, target: route, headers: { "content-type": "application/json" }, body: bodyFor(method) });
        answers.push(`${method} ${route} ${status >= 100 && status < 500 ? "answered" : status}`);
      }
    }
    expect(answers.filter((a) => !a.endsWith("answered"))).toEqual([]);
    expect((await fetch(`${server.url}/healthz`)).status).toBe(200);
  });

  it("answers malformed, odd and huge paths with a 4xx, for every method", async () => {
    const answers: string[] = [];
    for (const target of ODD_TARGETS) {
      for (const method of METHODS) {
        const { status } = await rawRequest(port, { method, target, headers: { "content-type": "application/json" }, body: bodyFor(method) });
        answers.push(`${method} ${target.slice(0, 40)} ${status >= 100 && status < 500 ? "answered" : status}`);
      }
    }
    expect(answers.filter((a) => !a.endsWith("answered"))).toEqual([]);
    expect((await rawRequest(port, { method: "GET", target: HUGE_TARGET })).status).toBe(431);
    expect((await fetch(`${server.url}/healthz`)).status).toBe(200);
  });

  it("refuses malformed percent-encoding in a dashboard path with 400 BAD_REQUEST", async () => {
    for (const target of ["/%", "/%E0%A4%A", "/flow-run/%zz"]) {
      const answer = await rawRequest(port, { method: "GET", target });
      expect(answer.status).toBe(400);
      expect(JSON.parse(answer.body).errors[0].extensions.code).toBe("BAD_REQUEST");
    }
  });

  it("serves the dashboard's files and falls back to index.html", async () => {
    expect((await rawRequest(port, { method: "GET", target: "/assets/app-1a2b3c.js" })).headers["cache-control"]).toContain("immutable");
    expect((await rawRequest(port, { method: "GET", target: "/flow-run/%C3%A9" })).body).toContain("<title>Tern</title>");
  });

  it("never serves a file from outside the dashboard folder", async () => {
    for (const target of ["/..%2f..%2fpackage.json", "/%2e%2e/%2e%2e/package.json", "/assets/%2e%2e%2f%2e%2e%2fpackage.json", `/${"../".repeat(10)}package.json`]) {
      const answer = await rawRequest(port, { method: "GET", target });
      expect(answer.body).not.toContain('"devDependencies"');
    }
  });
});

describe.each(testDialects())("/metrics when the database fails, on %s", (kind) => {
  let database: TestDatabase;
  let server: RunningServer;
  afterEach(() => vi.restoreAllMocks());
  afterAll(async () => {
    await server?.close().catch(() => undefined);
    await database?.drop();
  });

  it("answers 503 DATABASE_UNAVAILABLE with a log line, and the server keeps answering", async () => {
    database = await createTestDatabase(kind);
    server = await startServer({ databaseUrl: database.url, port: 0, host: "127.0.0.1" });
    expect((await fetch(`${server.url}/metrics`)).status).toBe(200);
    const logged = vi.spyOn(console, "error").mockImplementation(() => undefined);
    await server.deps.db.destroy();

    const response = await fetch(`${server.url}/metrics`);
    expect(response.status).toBe(503);
    expect((await response.json()).errors[0].extensions.code).toBe("DATABASE_UNAVAILABLE");
    expect(logged).toHaveBeenCalledWith(expect.stringContaining("/metrics"));
    expect((await fetch(`${server.url}/healthz`)).status).toBe(503);
  });
});

describe("a route that throws", () => {
  let server: Server;
  afterAll(() => new Promise((resolve) => server.close(resolve)));

  it("ends that request with 500 INTERNAL_SERVER_ERROR and one log line", async () => {
    const failingYoga = (() => {
      throw new Error("route exploded");
    }) as unknown as TernYoga;
    const deps = { config: { host: "127.0.0.1", uiDir: "/nonexistent", allowedOrigins: [] } } as unknown as Parameters<typeof createRequestHandler>[1];
    server = createServer(createRequestHandler(failingYoga, deps, new Metrics()));
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    const { port } = server.address() as AddressInfo;
    const logged = vi.spyOn(console, "error").mockImplementation(() => undefined);

    const answer = await rawRequest(port, { method: "POST", target: "/graphql", headers: { "content-type": "application/json" }, body: "{}" });
    expect(answer.status).toBe(500);
    expect(JSON.parse(answer.body).errors[0].extensions.code).toBe("INTERNAL_SERVER_ERROR");
    expect(logged).toHaveBeenCalledTimes(1);
    expect(logged.mock.calls[0]![0]).toMatch(/POST \/graphql failed: route exploded/);
    expect((await rawRequest(port, { method: "GET", target: "/" })).status).toBe(200);
  });
});
