import SQLite from "better-sqlite3";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { withStatementCache } from "./statement-cache.ts";

describe("withStatementCache", () => {
  let sqlite: SQLite.Database;
  beforeEach(() => {
    sqlite = new SQLite(":memory:");
    sqlite.exec("CREATE TABLE t (n INTEGER); INSERT INTO t VALUES (1), (2), (3)");
  });
  afterEach(() => sqlite.close());

  it("prepares each SQL text once and reuses the statement", () => {
    const prepare = vi.spyOn(sqlite, "prepare");
    const db = withStatementCache(sqlite);
    const first = db.prepare("SELECT n FROM t WHERE n > ?");
    const again = db.prepare("SELECT n FROM t WHERE n > ?");
    expect(again).toBe(first);
    expect(prepare).toHaveBeenCalledTimes(1);
    expect(again.all([1])).toEqual([{ n: 2 }, { n: 3 }]);
  });

  it("drops the least recently used statement beyond its capacity", () => {
    const db = withStatementCache(sqlite, 2);
    const a = db.prepare("SELECT 1");
    db.prepare("SELECT 2");
    db.prepare("SELECT 1"); // touch: SELECT 2 is now the oldest
    db.prepare("SELECT 3");
    expect(db.prepare("SELECT 1")).toBe(a);
    const prepare = vi.spyOn(sqlite, "prepare");
    db.prepare("SELECT 2");
    expect(prepare).toHaveBeenCalledTimes(1);
  });

  it("hands out a fresh statement while the cached one is still iterating", () => {
    const db = withStatementCache(sqlite);
    const streaming = db.prepare("SELECT n FROM t ORDER BY n");
    const rows = streaming.iterate([]);
    expect(rows.next().value).toEqual({ n: 1 });
    const other = db.prepare("SELECT n FROM t ORDER BY n");
    expect(other).not.toBe(streaming);
    expect(other.all([])).toHaveLength(3);
    expect([...rows]).toEqual([{ n: 2 }, { n: 3 }]);
  });
});
