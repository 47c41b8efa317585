import { randomUUID } from "node:crypto";
import { sql } from "kysely";
import type pg from "pg";
import type { OpenedDatabase } from "./db/database.ts";
import { TABLE_NAMES } from "./db/tables.ts";
import { type ChangeFeed, createLocalFeed, type FeedTopic } from "./events.ts";

/**
 * Picks the change feed for the database. SQLite has one server process, so the in-process feed is
 * enough. On PostgreSQL several servers may share the database: each publish is delivered locally at
 * once and also sent with NOTIFY; a dedicated connection LISTENs and delivers the other servers'
 * changes (its own, recognised by origin id, were already delivered).
 */
export const CHANNEL = "tern_changes";

interface Notice {
  origin: string;
  tables: FeedTopic[];
}

const KNOWN_TOPICS: ReadonlySet<string> = new Set<FeedTopic>([...TABLE_NAMES, "api_key"]);

export async function createChangeFeed(opened: OpenedDatabase): Promise<ChangeFeed> {
  if (opened.dialect !== "postgres" || !opened.postgresUrl) return createLocalFeed();
  return createPostgresFeed(opened, opened.postgresUrl);
}

function parseNotice(payload: string | undefined): Notice | null {
  try {
    const notice = JSON.parse(payload ?? "") as Notice;
    if (typeof notice.origin !== "string" || !Array.isArray(notice.tables)) return null;
    return { origin: notice.origin, tables: notice.tables.filter((t) => KNOWN_TOPICS.has(t)) };
  } catch {
    return null;
  }
}

async function createPostgresFeed(opened: OpenedDatabase, url: string): Promise<ChangeFeed> {
  const local = createLocalFeed();
  const origin = randomUUID();
  // Loaded here, not at the top: a server on SQLite never loads the PostgreSQL driver.
  const { default: postgres } = await import("pg");
  let client: pg.Client | null = null;
  let closed = false;
  let retryTimer: NodeJS.Timeout | null = null;
  let retryDelay = 100;
  let listenedBefore = false;

  const listen = async (): Promise<void> => {
    const next = new postgres.Client({ connectionString: url });
    const reconnect = () => {
      if (closed || client !== next) return;
      client = null;
      next.end().catch(() => {});
      retryTimer = setTimeout(() => {
        retryTimer = null;
        listen().catch(() => {});
      }, retryDelay);
      retryDelay = Math.min(retryDelay * 2, 5000);
    };
    next.on("notification", (message) => {
      if (message.channel !== CHANNEL) return;
      const notice = parseNotice(message.payload);
      if (notice && notice.origin !== origin) local.publish(notice.tables);
    });
    next.on("error", reconnect);
    next.on("end", reconnect);
    client = next;
    try {
      await next.connect();
      await next.query(`LISTEN ${CHANNEL}`);
      retryDelay = 100;
      // Notifications sent while no connection was listening are gone: re-run every live query once
      // (each emits only if its result changed), so a change made during the gap is not missed.
      if (listenedBefore) local.publish(TABLE_NAMES);
      listenedBefore = true;
    } catch (error) {
      reconnect();
      throw error;
    }
  };

  // The first connection must work (the server is not live across replicas otherwise); later drops
  // reconnect in the background with a growing delay.
  try {
    await listen();
  } catch (error) {
    closed = true;
    if (retryTimer) clearTimeout(retryTimer);
    throw error;
  }

  // Tables published since the last NOTIFY went out. An engine's write batch publishes up to three
  // times in one turn of the event loop; one NOTIFY of their union, sent once the turn is over, tells
  // the other servers the same (each re-runs the live queries of every table named) for one statement.
  const unsent = new Set<FeedTopic>();
  let sendScheduled = false;
  const sendUnsent = () => {
    sendScheduled = false;
    if (unsent.size === 0) return;
    const payload = JSON.stringify({ origin, tables: [...unsent] } satisfies Notice);
    unsent.clear();
    // A lost notification only delays other replicas until their next change; it must never fail the write.
    sql`SELECT pg_notify(${CHANNEL}, ${payload})`.execute(opened.db).catch(() => {});
  };

  return {
    publish(tables) {
      const set = [...new Set(tables)];
      if (set.length === 0) return;
      local.publish(set);
      for (const table of set) unsent.add(table);
      if (!sendScheduled) {
        sendScheduled = true;
        setImmediate(sendUnsent);
      }
    },
    subscribe: (listener) => local.subscribe(listener),
    async close() {
      // What was published before closing still reaches the other servers.
      sendUnsent();
      closed = true;
      if (retryTimer) clearTimeout(retryTimer);
      const current = client;
      client = null;
      await current?.end().catch(() => {});
      await local.close();
    },
  };
}

/**
 * Tells every server on a PostgreSQL database that `topics` changed, from a process that is not a
 * server (`tern auth revoke-key`). A no-op on SQLite, whose one server reads its file directly.
 */
export async function announceChange(opened: OpenedDatabase, topics: FeedTopic[]): Promise<void> {
  if (opened.dialect !== "postgres") return;
  const payload = JSON.stringify({ origin: randomUUID(), tables: topics } satisfies Notice);
  await sql`SELECT pg_notify(${CHANNEL}, ${payload})`.execute(opened.db);
}
