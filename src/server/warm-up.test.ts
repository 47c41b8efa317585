import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { TABLE_NAMES } from "./db/tables.ts";
import type { ChangeFeed } from "./events.ts";
import { buildSchema } from "./graphql/schema.ts";
import { type RunningServer, startServer } from "./main.ts";
import { warmUp } from "./warm-up.ts";

/** Every change feed the server and its warm-up create, with how many of its listeners are still subscribed. */
const feeds = vi.hoisted(() => [] as { subscribed: number; open: number }[]);

vi.mock("./feed.ts", async (importOriginal) => {
  const actual = await importOriginal<typeof import("./feed.ts")>();
  return {
    ...actual,
    async createChangeFeed(...args: Parameters<typeof actual.createChangeFeed>): Promise<ChangeFeed> {
      const feed = await actual.createChangeFeed(...args);
      const counts = { subscribed: 0, open: 0 };
      feeds.push(counts);
      return {
        publish: (tables) => feed.publish(tables),
        close: () => feed.close(),
        subscribe(listener) {
          counts.subscribed++;
          counts.open++;
          const unsubscribe = feed.subscribe(listener);
          let done = false;
          return () => {
            if (!done) counts.open--;
            done = true;
            unsubscribe();
          };
        },
      };
    },
  };
});

describe("the server's warm-up", { timeout: 30_000 }, () => {
  let dir: string;
  let server: RunningServer;
  const rowCounts = async () =>
    Object.fromEntries(
      await Promise.all(
        TABLE_NAMES.map(async (table) => [table, Number((await server.deps.db.selectFrom(table).select((e) => e.fn.countAll().as("n")).executeTakeFirstOrThrow()).n)] as const),
      ),
    );
  const ask = async () => {
    const response = await fetch(server.graphqlUrl, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ query: "{ project { name } tenant { slug } }" }) });
    return response.json();
  };

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), "tern-warm-up-"));
    server = await startServer({ databaseUrl: join(dir, "tern.db"), port: 0 });
  });
  afterAll(async () => {
    await server?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it("runs after start on a database of its own: the server's rows, feed and listeners are untouched", async () => {
    const publish = vi.spyOn(server.deps.events, "publish");
    const subscribe = vi.spyOn(server.deps.events, "subscribe");
    const before = await rowCounts();
    const serverFeed = { ...feeds[0] };
    await server.warmedUp;
    expect(await rowCounts()).toEqual(before);
    expect(publish).not.toHaveBeenCalled();
    expect(subscribe).not.toHaveBeenCalled();
    // The server's feed, then the warm-up's: its live query subscribed, and nothing is left listening.
    expect(feeds).toHaveLength(2);
    expect(feeds[1]).toMatchObject({ open: 0 });
    expect(feeds[1]!.subscribed).toBeGreaterThan(0);
    expect(feeds[0]).toEqual(serverFeed);
  });

  it("the server answers while a warm-up runs and after it", async () => {
    const serverFeed = { ...feeds[0] };
    const warming = warmUp(server.deps.config, buildSchema());
    const answers = [];
    for (let i = 0; i < 5; i++) answers.push(await ask());
    await warming;
    answers.push(await ask());
    for (const answer of answers) expect(answer).toEqual({ data: { project: [], tenant: [{ slug: "default" }] } });
    expect(feeds[0]).toEqual(serverFeed);
    expect(feeds.slice(1).map((f) => f.open)).toEqual([0, 0]);
  });
});
