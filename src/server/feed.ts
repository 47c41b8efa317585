import type { OpenedDatabase } from "./db/database.ts";
import { type ChangeFeed, createLocalFeed } from "./events.ts";

/** STUB (replaced by the live-query work): picks the change feed for the database (PostgreSQL adds LISTEN/NOTIFY). */
export async function createChangeFeed(_opened: OpenedDatabase): Promise<ChangeFeed> {
  return createLocalFeed();
}
