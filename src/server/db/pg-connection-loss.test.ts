import { sql } from "kysely";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { CHANNEL } from "../feed.ts";
import { openLiveStream } from "../graphql/live/sse.ts";
import { insert } from "../graphql/read/fixtures.ts";
import { type RunningServer, startServer } from "../main.ts";
import { type OpenedDatabase, openDatabase } from "./database.ts";
import { createTestDatabase, type TestDatabase, testDialects } from "./testing.ts";

/**
 * PostgreSQL connections end under a running server (failover, restart, pg_terminate_backend). The
 * server must stay up, its pool and its LISTEN connection must come back, and a live query must not
 * miss a change made while it was not listening.
 */

/** Terminates the backends of `database` that `filter` picks (SQL on pg_stat_activity); returns how many. */
async function terminate(adminUrl: string, filter: string, params: unknown[] = []): Promise<number> {
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  try {
    const killed = await admin.query(`SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid() AND ${filter}`, params);
    return killed.rowCount ?? 0;
  } finally {
    await admin.end();
  }
}

/** True while a backend with this pid exists. */
async function backendAlive(adminUrl: string, pid: number): Promise<boolean> {
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  try {
    return (await admin.query("SELECT 1 FROM pg_stat_activity WHERE pid = $1", [pid])).rowCount === 1;
  } finally {
    await admin.end();
  }
}

describe.runIf(testDialects().includes("postgres"))("PostgreSQL connections terminated under the server", () => {
  let database: TestDatabase;

  beforeAll(async () => {
    database = await createTestDatabase("postgres");
  });
  afterAll(() => database?.drop());

  describe("a transaction", () => {
    let opened: OpenedDatabase;
    beforeAll(async () => {
      opened = await openDatabase(database.url);
    });
    afterAll(() => opened?.close());

    it("whose connection is terminated between two statements runs again on a new connection", async () => {
      const pids: number[] = [];
      const name = await opened.db.transaction().execute(async (tx) => {
        const { rows } = await sql<{ pid: number }>`SELECT pg_backend_pid() AS pid`.execute(tx);
        pids.push(rows[0].pid);
        if (pids.length === 1) {
          // The backend goes away while this connection is checked out and idle between statements:
          // it reports the 57P01 as an 'error' event, which used to end the process.
          await terminate(database.url, "pid = $1", [rows[0].pid]);
          while (await backendAlive(database.url, rows[0].pid)) await new Promise((r) => setTimeout(r, 20));
        }
        await tx.insertInto("tenant").values({ id: crypto.randomUUID(), name: "after the loss", slug: `loss-${pids.length}` } as never).execute();
        return "after the loss";
      });
      expect(name).toBe("after the loss");
      expect(pids).toHaveLength(2);
      expect(pids[1]).not.toBe(pids[0]);
      const stored = await opened.db.selectFrom("tenant").select("slug").where("name", "=", "after the loss").execute();
      expect(stored).toEqual([{ slug: "loss-2" }]);
    });
  });

  describe("a running server", () => {
    let server: RunningServer;
    const gql = async (query: string, variables?: Record<string, unknown>) => {
      const response = await fetch(server.graphqlUrl, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ query, variables }) });
      return (await response.json()) as { data?: any; errors?: { message: string; extensions?: { code?: string } }[] };
    };
    const createProject = (name: string) => gql(`mutation($input: create_project_input!) { create_project(input: $input) { id } }`, { input: { name } });

    beforeAll(async () => {
      server = await startServer({ port: 0, databaseUrl: database.url });
    });
    afterAll(() => server?.close());

    it("stays up when all its connections are terminated mid-work, and later requests succeed", async () => {
      const work = Array.from({ length: 40 }, (_, i) => createProject(`busy-${i}`));
      const killed = await terminate(database.url, "true");
      const results = await Promise.all(work);
      expect(killed).toBeGreaterThan(0);
      // Each request either got through (retried inside the server) or was told to retry: never a
      // masked crash, never the driver's text.
      for (const result of results) {
        if (result.errors) expect(result.errors.map((e) => e.extensions?.code)).toEqual(["DATABASE_UNAVAILABLE"]);
      }
      const later = await createProject("after-the-loss");
      expect(later.errors).toBeUndefined();
      expect(later.data.create_project.id).toEqual(expect.any(String));
    });

    it("a live query sees a change made while its LISTEN connection was gone, once it reconnects", async () => {
      const live = await openLiveStream(fetch, server.graphqlUrl, `subscription { project(where: { name: { _like: "quiet-%" } }) { name } }`);
      try {
        expect((await live.next()).data).toEqual({ project: [] });
        // Written without a notification, as a change made by another replica while this server was
        // not listening would be: only a re-run after the reconnect can show it.
        await insert(server.deps, "project", [{ name: "quiet-change" }]);
        expect(await terminate(database.url, "query = $1", [`LISTEN ${CHANNEL}`])).toBe(1);
        expect((await live.next()).data).toEqual({ project: [{ name: "quiet-change" }] });
      } finally {
        await live.close();
      }
    }, 15_000);
  });
});
