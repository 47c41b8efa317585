import { describe, expect, it } from "vitest";
import { retryTransaction, type TransactionRetryPolicy } from "./retrying-transactions.ts";
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
