import type SQLite from "better-sqlite3";
import type { SqliteDatabase, SqliteStatement } from "kysely";

/**
 * better-sqlite3 behind Kysely with a bounded cache of prepared statements. Kysely prepares every
 * query's SQL afresh, and preparing (parsing and planning) costs as much as running the small
 * statements a server issues all day. The server issues a few hundred distinct SQL texts, so
 * keeping the most recent `capacity` of them prepared removes that work; the least recently used
 * one is dropped beyond it (IN lists of every length would otherwise grow it without end).
 */
export function withStatementCache(sqlite: SQLite.Database, capacity = 500): SqliteDatabase {
  const cache = new Map<string, SQLite.Statement>();
  return {
    close: () => sqlite.close(),
    prepare(sql: string): SqliteStatement {
      const cached = cache.get(sql);
      // A statement still iterating (a streamed query) cannot run again until it finishes.
      if (cached && !cached.busy) {
        cache.delete(sql);
        cache.set(sql, cached); // most recently used goes last
        return cached as unknown as SqliteStatement;
      }
      const statement = sqlite.prepare(sql);
      if (!cached) {
        cache.set(sql, statement);
        if (cache.size > capacity) cache.delete(cache.keys().next().value as string);
      }
      return statement as unknown as SqliteStatement;
    },
  };
}
