import { CompiledQuery, type DatabaseConnection, Kysely, type KyselyConfig, type Transaction, type TransactionBuilder, SqliteDialect, type SqliteDialectConfig, SqliteDriver } from "kysely";
import { transientKind } from "./transient.ts";

/** How long the server keeps re-running a transaction the database refused for now. */
export interface TransactionRetryPolicy {
  baseMs: number;
  maxDelayMs: number;
  /** No new attempt starts after this much time; the client gets DATABASE_UNAVAILABLE and retries itself. */
  totalMs: number;
}

export const TRANSACTION_RETRY: TransactionRetryPolicy = { baseMs: 20, maxDelayMs: 500, totalMs: 5000 };

/** At most this many transactions share one commit (a group's members wait for its end). */
export const MAX_GROUP = 16;

export interface GroupingOptions {
  /** Whether the connection is still inside a transaction (better-sqlite3's `inTransaction`). */
  inTransaction: () => boolean;
}

interface Member<DB> {
  callback: (tx: Transaction<DB>) => Promise<unknown>;
  resolve(value: unknown): void;
  reject(error: unknown): void;
}

type Outcome = { ok: true; value: unknown } | { ok: false; error: unknown };

// Compiled once: a group runs two of these per member, and Kysely would build and compile each anew.
const SAVEPOINT = CompiledQuery.raw("savepoint tern_member");
const RELEASE = CompiledQuery.raw("release savepoint tern_member");
const ROLLBACK_TO = CompiledQuery.raw("rollback to savepoint tern_member");

/**
 * Kysely whose `transaction().execute(fn)` runs the whole transaction again when the database
 * refused it for now (lock, deadlock, serialization failure, lost connection). Safe because a
 * transaction is all or nothing and `fn` only talks to the database (services publish changes
 * after commit): a refused attempt left nothing behind. A connection lost while COMMIT was in
 * flight is the exception: that attempt may have been applied, so it is not re-run here.
 *
 * With `grouping` (SQLite, whose one connection runs one transaction at a time anyway), the
 * transactions that arrive in one turn of the event loop, or while a group runs, are run together as
 * one group: one BEGIN and one COMMIT, each member inside its own savepoint. A member that fails is rolled back to its savepoint
 * alone and gets its own error; the others still commit. Each member's promise settles only after the
 * group's COMMIT, so nothing is reported stored before it is. When the database refuses the whole
 * group for now, it is re-run like any transaction (and still refused after the retries, each member
 * gets that error); when it fails otherwise, each member is run again on its own so that one member's
 * fatal error is no other's.
 */
export class RetryingKysely<DB> extends Kysely<DB> {
  readonly #policy: TransactionRetryPolicy;
  readonly #grouping: GroupingOptions | undefined;
  readonly #queue: Member<DB>[] = [];
  #draining = false;

  constructor(config: KyselyConfig, policy: TransactionRetryPolicy = TRANSACTION_RETRY, grouping?: GroupingOptions) {
    super(config);
    this.#policy = policy;
    this.#grouping = grouping;
  }

  override transaction(): TransactionBuilder<DB> {
    const builder = super.transaction();
    const once = builder.execute.bind(builder);
    const policy = this.#policy;
    builder.execute = <T>(callback: (tx: Transaction<DB>) => Promise<T>) =>
      this.#grouping ? (this.#enqueue(callback) as Promise<T>) : retryTransaction(once, callback, policy);
    return builder;
  }

  #enqueue(callback: (tx: Transaction<DB>) => Promise<unknown>): Promise<unknown> {
    return new Promise((resolve, reject) => {
      this.#queue.push({ callback, resolve, reject });
      if (this.#draining) return;
      this.#draining = true;
      // SQLite's statements run synchronously, so a transaction never yields to the event loop and no
      // other one could arrive while it runs. Waiting for the end of this turn of the loop lets the
      // requests read in the same turn (simultaneous writes) join this first group.
      setImmediate(() => void this.#drain());
    });
  }

  async #drain() {
    try {
      while (this.#queue.length) await this.#runGroup(this.#queue.splice(0, MAX_GROUP));
    } finally {
      this.#draining = false;
    }
  }

  /** One plain transaction, retried as the policy says. */
  #runAlone(callback: (tx: Transaction<DB>) => Promise<unknown>): Promise<unknown> {
    const builder = super.transaction();
    return retryTransaction(builder.execute.bind(builder), callback, this.#policy);
  }

  async #runGroup(members: Member<DB>[]) {
    if (members.length === 1) {
      const [only] = members;
      await this.#runAlone(only!.callback).then(only!.resolve, only!.reject);
      return;
    }
    const inTransaction = this.#grouping!.inTransaction;
    let outcomes: Outcome[] = [];
    try {
      await this.#runAlone(async (tx) => {
        outcomes = [];
        for (const member of members) {
          await tx.executeQuery(SAVEPOINT);
          try {
            const value = await member.callback(tx as Transaction<DB>);
            await tx.executeQuery(RELEASE);
            outcomes.push({ ok: true, value });
          } catch (error) {
            // Refused for now (the whole group is re-run), or the database ended the transaction itself.
            if (transientKind(error) || !inTransaction()) throw error;
            await tx.executeQuery(ROLLBACK_TO);
            await tx.executeQuery(RELEASE);
            outcomes.push({ ok: false, error });
          }
        }
      });
    } catch (error) {
      // Nothing of the group was stored. Still refused after the retries: so would each member be.
      if (transientKind(error)) {
        for (const member of members) member.reject(error);
        return;
      }
      // A fatal error (SQLite ended the transaction itself): each member on its own gets exactly the
      // outcome it would have had.
      await Promise.all(members.map((member) => this.#runAlone(member.callback).then(member.resolve, member.reject)));
      return;
    }
    members.forEach((member, i) => {
      const outcome = outcomes[i]!;
      if (outcome.ok) member.resolve(outcome.value);
      else member.reject(outcome.error);
    });
  }
}

/**
 * Runs `once(callback)` (one whole transaction) again while it fails with a transient error that
 * cannot have been applied, with doubling pauses, until `policy.totalMs` would be passed.
 */
export async function retryTransaction<DB, T>(
  once: (callback: (tx: Transaction<DB>) => Promise<T>) => Promise<T>,
  callback: (tx: Transaction<DB>) => Promise<T>,
  policy: TransactionRetryPolicy,
): Promise<T> {
  const started = Date.now();
  for (let attempt = 0; ; attempt++) {
    let committing = false;
    try {
      return await once(async (tx) => {
        const result = await callback(tx);
        committing = true;
        return result;
      });
    } catch (error) {
      const kind = transientKind(error);
      const nothingApplied = kind === "refused" || (kind === "connection" && !committing);
      const delay = Math.min(policy.maxDelayMs, policy.baseMs * 2 ** Math.min(attempt, 20));
      if (!nothingApplied || Date.now() + delay - started > policy.totalMs) throw error;
      await new Promise((resolve) => setTimeout(resolve, delay));
    }
  }
}

/**
 * SQLite transactions that take the write lock when they begin (BEGIN IMMEDIATE). A deferred
 * transaction that reads first and then writes must upgrade its lock, and SQLite fails that upgrade
 * at once with SQLITE_BUSY when another connection wrote meanwhile: the busy timeout never applies.
 * Taking the lock up front makes a busy database a wait (then a retry) instead of a failure.
 */
export class ImmediateSqliteDialect extends SqliteDialect {
  readonly #config: SqliteDialectConfig;
  readonly #inTransaction: () => boolean;

  /** `inTransaction` asks the connection itself (better-sqlite3's `inTransaction`). */
  constructor(config: SqliteDialectConfig, inTransaction: () => boolean) {
    super(config);
    this.#config = config;
    this.#inTransaction = inTransaction;
  }

  override createDriver(): SqliteDriver {
    return new ImmediateSqliteDriver(this.#config, this.#inTransaction);
  }
}

class ImmediateSqliteDriver extends SqliteDriver {
  readonly #inTransaction: () => boolean;

  constructor(config: SqliteDialectConfig, inTransaction: () => boolean) {
    super(config);
    this.#inTransaction = inTransaction;
  }

  override async beginTransaction(connection: DatabaseConnection): Promise<void> {
    await connection.executeQuery(CompiledQuery.raw("begin immediate"));
  }

  override async rollbackTransaction(connection: DatabaseConnection): Promise<void> {
    // SQLite rolls some failures back itself (SQLITE_FULL, some I/O errors); a second ROLLBACK would
    // fail and hide the error that matters.
    if (this.#inTransaction()) await connection.executeQuery(CompiledQuery.raw("rollback"));
  }
}
