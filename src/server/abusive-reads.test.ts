import pg from "pg";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { openDatabase } from "./db/database.ts";
import { createTestDatabase, type TestDatabase, testDialects, testPostgresUrl } from "./db/testing.ts";
import { ensureDefaultTenant } from "./services/tenants.ts";
import { ABUSIVE_ALIASES, abusiveDocument, heavyRead } from "./testing/hostile-corpus.ts";
import { seedLogLines } from "./testing/log-seed.ts";
import { processTreeCpuMs, type ServerProcess, startServerProcess } from "./testing/server-process.ts";

/**
 * Issue "Nobody in, nothing lost": heavy reads must not starve the server. Each case runs a real
 * `tern server start` over 30,000 log lines: abusive requests are refused by the cost budget or
 * stopped by the time limit with a code; an allowed heavy read runs while /healthz and
 * create_flow_run answer; SIGTERM stops a server busy with heavy reads.
 */

const LINES = 30_000;
/** Patterns per heavy read: a fraction of a second to a second of work over LINES, within the default budget. */
const HEAVY_TERMS = 40;
/** Separate heavy requests at once: more than PostgreSQL's write pool has connections. */
const HEAVY_REQUESTS = 12;
/** A budget no read reaches, for the cases that need heavy reads admitted. */
const UNLIMITED = String(1e15);

interface Body {
  data?: any;
  errors?: { extensions?: { code?: string } }[];
}

const post = async (url: string, body: unknown): Promise<any> => {
  const response = await fetch(`${url}/graphql`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(body) });
  return response.json();
};

const codes = (body: Body) => body.errors?.map((e) => e.extensions?.code);

/**
 * Resolves once the database is working on the server's reads: PostgreSQL shows them active in
 * pg_stat_activity; on SQLite the server's processes (the server itself, or its read processes)
 * have spent a second of CPU since `cpuBefore`, which sending and parsing the requests does not take.
 */
async function untilReadsRun(kind: "sqlite" | "postgres", server: ServerProcess, databaseUrl: string, cpuBefore: number): Promise<void> {
  if (kind === "sqlite") {
    await vi.waitFor(() => expect(processTreeCpuMs(server.child.pid!) - cpuBefore).toBeGreaterThan(1000), { timeout: 60_000, interval: 50 });
    return;
  }
  const admin = new pg.Client({ connectionString: testPostgresUrl() });
  await admin.connect();
  try {
    const database = new URL(databaseUrl).pathname.slice(1);
    await vi.waitFor(
      async () => {
        const { rows } = await admin.query("SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = $1 AND state = 'active' AND query LIKE '%LIKE%'", [database]);
        expect(rows[0].n).toBeGreaterThan(0);
      },
      { timeout: 60_000, interval: 50 },
    );
  } finally {
    await admin.end();
  }
}

describe.each(testDialects())("abusive reads on %s", (kind) => {
  let testDb: TestDatabase;
  let flowId: string;
  let server: ServerProcess | undefined;

  beforeAll(async () => {
    testDb = await createTestDatabase(kind);
    const opened = await openDatabase(testDb.url);
    const tenantId = await ensureDefaultTenant(opened.db, opened.dialect);
    ({ flowId } = await seedLogLines({ db: opened.db, dialect: opened.dialect, tenantId }, LINES));
    await opened.close();
  });
  afterAll(async () => {
    await server?.kill();
    await testDb?.drop();
  });

  const start = async (env: Record<string, string>) => {
    await server?.kill();
    server = await startServerProcess(testDb.url, env);
    return server;
  };

  it("refuses an abusive document, and a batch of them, with QUERY_TOO_COSTLY before running it", async () => {
    const { url } = await start({});
    const single = await post(url, { query: abusiveDocument(ABUSIVE_ALIASES) });
    expect(codes(single)).toEqual(["QUERY_TOO_COSTLY"]);
    expect(single.data).toBeUndefined();
    // Each document alone fits the budget; the batch as a whole does not.
    const batch: Body[] = await post(url, Array.from({ length: 100 }, () => ({ query: abusiveDocument(ABUSIVE_ALIASES / 10) })));
    expect(batch).toHaveLength(100);
    expect(batch.filter((b) => codes(b)?.includes("QUERY_TOO_COSTLY")).length).toBeGreaterThan(90);
  });

  it("answers /healthz and create_flow_run while allowed heavy reads are still running", async () => {
    const { url } = await start({});
    let heavyDone = 0;
    const heavy = Array.from({ length: HEAVY_REQUESTS }, () =>
      post(url, heavyRead(HEAVY_TERMS)).then((body: Body) => {
        heavyDone++;
        return body;
      }),
    );
    const health = await fetch(`${url}/healthz`);
    expect(health.status).toBe(200);
    const created = await post(url, { query: `mutation($input: create_flow_run_input!) { create_flow_run(input: $input) { id } }`, variables: { input: { flow_id: flowId } } });
    expect(created.errors).toBeUndefined();
    expect(created.data.create_flow_run.id).toEqual(expect.any(String));
    expect(heavyDone).toBe(0);
    // Each heavy read ends with its answer, or, queued behind the others on a busy machine, with the time limit's code.
    for (const body of await Promise.all(heavy)) {
      if (body.errors) expect(codes(body)).toEqual(["QUERY_TIMEOUT"]);
      else expect(body.data.log_aggregate.aggregate.count).toBe(0);
    }
  }, 120_000);

  it("stops a read that runs past the time limit with QUERY_TIMEOUT", async () => {
    const { url } = await start({ TERN_READ_COST_BUDGET: UNLIMITED, TERN_READ_TIMEOUT_MS: "200" });
    const body = await post(url, heavyRead(300));
    expect(codes(body)).toEqual(["QUERY_TIMEOUT"]);
    // The server is still there and reads on.
    const small = await post(url, { query: `{ log(limit: 1) { id } }` });
    expect(small.data.log).toHaveLength(1);
  });

  it("exits on SIGTERM while busy with a batch of heavy reads", async () => {
    const running = await start({ TERN_READ_COST_BUDGET: UNLIMITED, TERN_READ_TIMEOUT_MS: "600000" });
    const cpuBefore = processTreeCpuMs(running.child.pid!);
    const batch = post(running.url, Array.from({ length: 100 }, () => heavyRead(300))).catch(() => "cut off");
    await untilReadsRun(kind, running, testDb.url, cpuBefore);
    running.child.kill("SIGTERM");
    expect(await running.exited).toBe(0);
    expect(await batch).toBe("cut off");
  });
});
