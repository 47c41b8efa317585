import pg from "pg";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { openDatabase, type OpenedDatabase } from "./db/database.ts";
import { createTestDatabase, type TestDatabase, testDialects } from "./db/testing.ts";
import type { ChangeFeed, FeedTopic } from "./events.ts";
import { CHANNEL, createChangeFeed } from "./feed.ts";

function record(feed: ChangeFeed): FeedTopic[][] {
  const seen: FeedTopic[][] = [];
  feed.subscribe((tables) => seen.push([...tables].sort()));
  return seen;
}

describe("change feed on sqlite", () => {
  it("delivers in-process, once per publish, and nothing for an empty publish", async () => {
    const testDb = await createTestDatabase("sqlite");
    const opened = await openDatabase(testDb.url);
    const feed = await createChangeFeed(opened);
    const seen = record(feed);
    feed.publish(["flow_run", "task_run", "flow_run"]);
    feed.publish([]);
    expect(seen).toEqual([["flow_run", "task_run"]]);
    await feed.close();
    await opened.close();
    await testDb.drop();
  });
});

describe.runIf(testDialects().includes("postgres"))("change feed on postgres", () => {
  let testDb: TestDatabase;
  let a: OpenedDatabase;
  let b: OpenedDatabase;
  let feedA: ChangeFeed;
  let feedB: ChangeFeed;

  beforeAll(async () => {
    testDb = await createTestDatabase("postgres");
    a = await openDatabase(testDb.url);
    b = await openDatabase(testDb.url);
    feedA = await createChangeFeed(a);
    feedB = await createChangeFeed(b);
  });
  afterAll(async () => {
    await feedA?.close();
    await feedB?.close();
    await a?.close();
    await b?.close();
    await testDb?.drop();
  });

  it("crosses servers through NOTIFY and never delivers a server's own change twice", async () => {
    const seenA = record(feedA);
    const seenB = record(feedB);
    feedA.publish(["flow"]);
    // Local delivery is immediate.
    expect(seenA).toEqual([["flow"]]);
    await vi.waitFor(() => expect(seenB).toEqual([["flow"]]));
    // PostgreSQL delivers notifications in commit order, so once B's change reaches A, any echo of
    // A's own earlier change would have arrived before it.
    feedB.publish(["log"]);
    await vi.waitFor(() => expect(seenA).toEqual([["flow"], ["log"]]));
    expect(seenB).toEqual([["flow"], ["log"]]);
  });

  it("sends the publishes of one turn to other servers as one notice naming all their tables", async () => {
    const seenA = record(feedA);
    const seenB = record(feedB);
    feedA.publish(["flow_run"]);
    feedA.publish(["task_run", "flow_run"]);
    feedA.publish(["log"]);
    // Each is still delivered locally at once, on its own.
    expect(seenA).toEqual([["flow_run"], ["flow_run", "task_run"], ["log"]]);
    await vi.waitFor(() => expect(seenB).toEqual([["flow_run", "log", "task_run"]]));
    // A later turn's publish is a notice of its own, delivered after the first (commit order).
    await new Promise((resolve) => setImmediate(resolve));
    feedA.publish(["agent"]);
    await vi.waitFor(() => expect(seenB).toEqual([["flow_run", "log", "task_run"], ["agent"]]));
  });

  it("ignores foreign or malformed notifications' unknown tables", async () => {
    const seenA = record(feedA);
    const admin = new pg.Client({ connectionString: testDb.url });
    await admin.connect();
    await admin.query("SELECT pg_notify($1, $2)", [CHANNEL, "not json"]);
    await admin.query("SELECT pg_notify($1, $2)", [CHANNEL, JSON.stringify({ origin: "elsewhere", tables: ["flow_run", "pg_catalog"] })]);
    await admin.end();
    await vi.waitFor(() => expect(seenA).toEqual([["flow_run"]]));
  });

  it("listens again after its connection is dropped", async () => {
    const seenA = record(feedA);
    const admin = new pg.Client({ connectionString: testDb.url });
    await admin.connect();
    const killed = await admin.query(
      "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = current_database() AND query = $1",
      [`LISTEN ${CHANNEL}`],
    );
    await admin.end();
    expect(killed.rowCount).toBe(2);
    // Keep publishing from B until A, reconnected, hears it.
    await vi.waitFor(
      () => {
        feedB.publish(["agent"]);
        expect(seenA.some((t) => t[0] === "agent")).toBe(true);
      },
      { timeout: 10_000, interval: 100 },
    );
  });
});
