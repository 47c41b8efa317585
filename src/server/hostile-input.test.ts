import { request as httpRequest } from "node:http";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase, testDialects } from "./db/testing.ts";
import { TABLE_NAMES } from "./db/tables.ts";
import { createFlow, createFlowRun, createProject } from "./graphql/mutations/test-helpers.ts";
import { type RunningServer, startServer } from "./main.ts";
import { HOSTILE_CORPUS, type Operation, type Seed, type WireRequest } from "./testing/hostile-corpus.ts";
import type { TestApp } from "./testing/harness.ts";

/**
 * Runs the hostile-input corpus against a real server over HTTP, on each database. After every case
 * the server must still answer, and a refused request must have left every table as it was.
 */

async function send(server: RunningServer, request: WireRequest): Promise<{ status: number; text: string }> {
  const contentType = request.contentType === undefined ? "application/json" : request.contentType;
  const headers: Record<string, string> = { ...(contentType ? { "content-type": contentType } : {}), ...request.headers };
  const url = `${server.url}${request.path ?? "/graphql"}`;
  const method = request.method ?? "POST";
  const body = method === "GET" ? undefined : request.body;
  // fetch always derives Host from the URL; node:http sends the one given.
  if (headers.host) return sendRaw(url, method, headers, body);
  const response = await fetch(url, { method, headers, body });
  return { status: response.status, text: await response.text() };
}

function sendRaw(url: string, method: string, headers: Record<string, string>, body: string | undefined): Promise<{ status: number; text: string }> {
  return new Promise((resolve, reject) => {
    const req = httpRequest(url, { method, headers: body === undefined ? headers : { ...headers, "content-length": String(Buffer.byteLength(body)) } }, (res) => {
      let text = "";
      res.setEncoding("utf8");
      res.on("data", (chunk: string) => (text += chunk));
      res.on("end", () => resolve({ status: res.statusCode ?? 0, text }));
    });
    req.on("error", reject);
    req.end(body);
  });
}

/** The gql/ok subset of TestApp the shared seeding helpers need, over HTTP. */
function httpClient(server: RunningServer): Pick<TestApp, "gql" | "ok"> {
  const gql = async (query: string, variables?: Record<string, unknown>) => JSON.parse((await send(server, { body: JSON.stringify({ query, variables }) })).text);
  return {
    gql,
    async ok(query, variables) {
      const result = await gql(query, variables);
      if (result.errors?.length) throw new Error(`GraphQL errors: ${JSON.stringify(result.errors)}`);
      return result.data;
    },
  };
}

async function rowCounts(server: RunningServer): Promise<Record<string, number>> {
  const counts: Record<string, number> = {};
  for (const table of TABLE_NAMES) {
    const row = await server.deps.db.selectFrom(table).select((eb) => eb.fn.countAll<number>().as("n")).executeTakeFirstOrThrow();
    counts[table] = Number(row.n);
  }
  return counts;
}

describe.each(testDialects())("hostile input on %s", (kind) => {
  let database: TestDatabase;
  let server: RunningServer;
  let client: Pick<TestApp, "gql" | "ok">;
  let seed: Seed;

  beforeAll(async () => {
    database = await createTestDatabase(kind);
    server = await startServer({ databaseUrl: database.url, port: 0, host: "127.0.0.1" });
    client = httpClient(server);
    const app = client as TestApp;
    const projectName = "hostile-seed";
    const projectId = await createProject(app, projectName);
    const flowId = await createFlow(app, projectId);
    const flowRunId = await createFlowRun(app, { flow_id: flowId });
    const taskRun = await server.deps.db.selectFrom("task_run").select("id").where("flow_run_id", "=", flowRunId).executeTakeFirstOrThrow();
    seed = { projectId, projectName, flowId, flowRunId, taskRunId: taskRun.id };
  });
  afterAll(async () => {
    await server?.close();
    await database?.drop();
  });

  const read = async (operation: Operation) => client.ok(operation.query, operation.variables);

  for (const hostile of HOSTILE_CORPUS) {
    it(hostile.name, async () => {
      const before = await rowCounts(server);
      const { status, text } = await send(server, hostile.request(seed));
      // Whatever happened, nothing internal leaks: no stack frames, no masked failures.
      expect(text).not.toMatch(/\n\s+at |INTERNAL_SERVER_ERROR/);
      const body = JSON.parse(text);
      const outcome = hostile.expect;

      if ("error" in outcome) {
        const errors = Array.isArray(body) ? body.flatMap((b) => b.errors ?? []) : (body.errors ?? []);
        expect(status).toBe(outcome.error.status ?? 200);
        expect(errors.length).toBeGreaterThan(0);
        expect(errors[0].extensions?.code).toBe(outcome.error.code);
        expect(errors[0].message).toContain(outcome.error.message);
        expect(await rowCounts(server)).toEqual(before);
      } else if ("stored" in outcome) {
        expect(body.errors).toBeUndefined();
        expect(status).toBe(200);
        const stored = await read(outcome.stored.read(seed, body.data));
        expect(outcome.stored.pick(stored)).toEqual(outcome.stored.equals);
      } else {
        expect(status).toBe(200);
        expect(outcome.answers.pick(body)).toEqual(outcome.answers.equals);
      }

      const health = await fetch(`${server.url}/healthz`);
      expect(health.status).toBe(200);
      expect((await read({ query: "{ project(limit: 1) { id } }" })).project).toHaveLength(1);
    });
  }
});
