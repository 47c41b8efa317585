import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import SQLite from "better-sqlite3";
import { type SqliteDatabase, sql, type Transaction } from "kysely";
import { describe, expect, it } from "vitest";
import { ImmediateSqliteDialect, RetryingKysely, retryTransaction, type TransactionRetryPolicy } from "./retrying-transactions.ts";
import { transientKind } from "./transient.ts";

const fast: TransactionRetryPolicy = { baseMs: 1, maxDelayMs: 5, totalMs: 1000 };
const busy = () => Object.assign(new Error("database is locked"), { code: "SQLITE_BUSY" });
const terminated = () => Object.assign(new Error("terminating connection due to administrator command"), { code: "57P01" });

/** A fake transaction runner: runs the callback, then "commits" by running `commit` (which may throw). */
function runner(commit: (attempt: number) => void) {
  let attempts = 0;
  const once = async <T>(callback: (tx: never) => Promise<T>) => {
    attempts++;
    const result = await callback(undefined as never);
    commit(attempts);
    return result;
  };
  return { once, attempts: () => attempts };
}

describe("retryTransaction", () => {
  it("re-runs a transaction the database refused for now until it goes through", async () => {
    const tx = runner(() => {});
    let calls = 0;
    const result = await retryTransaction(tx.once, async () => {
      if (++calls < 3) throw busy();
      return "stored";
    }, fast);
    expect(result).toBe("stored");
    expect(calls).toBe(3);
  });

  it("re-runs after a connection lost before COMMIT, but not after one lost during COMMIT (it may have been applied)", async () => {
    const beforeCommit = runner(() => {});
    let calls = 0;
    await retryTransaction(beforeCommit.once, async () => {
      if (++calls === 1) throw terminated();
    }, fast);
    expect(calls).toBe(2);

    const duringCommit = runner((attempt) => {
      if (attempt === 1) throw terminated();
    });
    const error = await retryTransaction(duringCommit.once, async () => "maybe", fast).catch((e: unknown) => e);
    expect(transientKind(error)).toBe("connection");
    expect(duringCommit.attempts()).toBe(1);
  });

  it("never re-runs a transaction that failed for any other reason", async () => {
    const tx = runner(() => {});
    const unique = Object.assign(new Error("UNIQUE constraint failed"), { code: "SQLITE_CONSTRAINT_UNIQUE" });
    await expect(retryTransaction(tx.once, async () => Promise.reject(unique), fast)).rejects.toBe(unique);
    expect(tx.attempts()).toBe(1);
  });

  it("gives up with the database's error once the time budget would be passed", async () => {
    const tx = runner(() => {});
    const error = await retryTransaction(tx.once, async () => Promise.reject(busy()), { baseMs: 5, maxDelayMs: 5, totalMs: 30 }).catch((e: unknown) => e);
    expect(transientKind(error)).toBe("refused");
    expect(tx.attempts()).toBeGreaterThan(1);
  });
});

describe("transientKind", () => {
  it("knows the transient SQLite and PostgreSQL failures and nothing else", () => {
    const withCode = (code: string) => Object.assign(new Error("x"), { code });
    expect(["SQLITE_BUSY", "SQLITE_BUSY_SNAPSHOT", "SQLITE_LOCKED", "SQLITE_FULL", "SQLITE_IOERR_WRITE", "40001", "40P01", "53100"].map((c) => transientKind(withCode(c)))).toEqual(Array(8).fill("refused"));
    expect(["57P01", "57P03", "08006", "ECONNREFUSED", "ECONNRESET"].map((c) => transientKind(withCode(c)))).toEqual(Array(5).fill("connection"));
    expect(transientKind(new Error("Connection terminated unexpectedly"))).toBe("connection");
    expect(["SQLITE_CONSTRAINT_UNIQUE", "SQLITE_ERROR", "23505", "42P01", "SQLITE_NOTADB"].map((c) => transientKind(withCode(c)))).toEqual(Array(5).fill(undefined));
    expect(transientKind(new Error("boom"))).toBeUndefined();
  });
});

describe("transactions grouped under one commit (SQLite)", () => {
  /** A file database behind RetryingKysely with grouping, counting the COMMITs it runs. */
  async function open() {
    const dir = mkdtempSync(join(tmpdir(), "tern-group-"));
    const file = join(dir, "group.db");
    const sqlite = new SQLite(file);
    sqlite.pragma("journal_mode = WAL");
    sqlite.exec("create table item (name text primary key)");
    let commits = 0;
    const counting = {
      close: () => sqlite.close(),
      prepare(text: string) {
        if (/^commit/i.test(text)) commits++;
        return sqlite.prepare(text);
      },
    } as unknown as SqliteDatabase;
    const inTransaction = () => sqlite.inTransaction;
    const db = new RetryingKysely<{ item: { name: string } }>({ dialect: new ImmediateSqliteDialect({ database: counting }, inTransaction) }, fast, { inTransaction });
    const other = new SQLite(file, { readonly: true });
    const names = () => (other.prepare("select name from item order by name").all() as { name: string }[]).map((r) => r.name);
    return {
      db,
      names,
      commits: () => commits,
      async close() {
        other.close();
        await db.destroy();
        rmSync(dir, { recursive: true, force: true });
      },
    };
  }
  const insert = (name: string) => (tx: Transaction<{ item: { name: string } }>) => tx.insertInto("item").values({ name }).execute();

  it("stores the transactions that arrive in one turn of the event loop in one shared commit; a failing one alone is undone and gets its own error", async () => {
    const t = await open();
    try {
      const refused = new Error("no such thing");
      const settled: string[] = [];
      const first = t.db.transaction().execute(async (tx) => {
        await insert("a")(tx);
        return "a stored";
      });
      const group = [
        t.db.transaction().execute(async (tx) => {
          await insert("b")(tx);
          return "b stored";
        }),
        t.db.transaction().execute(async (tx) => {
          await insert("c")(tx);
          throw refused;
        }),
        t.db.transaction().execute(async (tx) => {
          await insert("d")(tx);
          return "d stored";
        }),
      ].map((p) =>
        p.then(
          (value) => {
            // Settled only once committed: another connection already reads the row.
            settled.push(`${value}: ${t.names().join(",")}`);
            return value;
          },
          (error: unknown) => error,
        ),
      );
      expect(await first).toBe("a stored");
      const results = await Promise.all(group);
      expect(results).toEqual(["b stored", refused, "d stored"]);
      expect(settled).toEqual(["b stored: a,b,d", "d stored: a,b,d"]);
      expect(t.names()).toEqual(["a", "b", "d"]);
      // Asked for in one turn of the event loop: one commit for the four.
      expect(t.commits()).toBe(1);
      // One asked for later runs on its own.
      await t.db.transaction().execute(insert("f"));
      expect(t.commits()).toBe(2);
    } finally {
      await t.close();
    }
  });

  it("a member failing on a constraint is undone alone; the others commit", async () => {
    const t = await open();
    try {
      const first = t.db.transaction().execute(insert("a"));
      // "a" again fails the unique key inside its savepoint only; the others still commit.
      const [dup, e] = await Promise.all([t.db.transaction().execute(insert("a")).catch((error: unknown) => error), t.db.transaction().execute(insert("e"))]);
      await first;
      expect((dup as { code?: string }).code).toMatch(/^SQLITE_CONSTRAINT/);
      expect(e).toBeDefined();
      expect(t.names()).toEqual(["a", "e"]);
    } finally {
      await t.close();
    }
  });

  it("a member after which the database has ended the whole transaction costs the others nothing: they are run again on their own", async () => {
    const t = await open();
    try {
      const ended = new Error("the database rolled everything back");
      const first = t.db.transaction().execute(insert("a"));
      const results = await Promise.all([
        t.db.transaction().execute(insert("b")),
        t.db.transaction().execute(async (tx) => {
          await insert("c")(tx);
          // As SQLite does on SQLITE_FULL or some I/O errors: the transaction is gone, not just the statement.
          await sql`rollback`.execute(tx);
          throw ended;
        }).catch((error: unknown) => error),
        t.db.transaction().execute(async (tx) => {
          await insert("d")(tx);
          return "d stored";
        }),
      ]);
      await first;
      expect(results[1]).toBe(ended);
      expect(results[2]).toBe("d stored");
      expect(t.names()).toEqual(["a", "b", "d"]);
    } finally {
      await t.close();
    }
  });
});
