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

/**
 * Kysely whose `transaction().execute(fn)` runs the whole transaction again when the database
 * refused it for now (lock, deadlock, serialization failure, lost connection). Safe because a
 * transaction is all or nothing and `fn` only talks to the database (services publish changes
 * after commit): a refused attempt left nothing behind. A connection lost while COMMIT was in
 * flight is the exception: that attempt may have been applied, so it is not re-run here.
 */
export class RetryingKysely<DB> extends Kysely<DB> {
  readonly #policy: TransactionRetryPolicy;

  constructor(config: KyselyConfig, policy: TransactionRetryPolicy = TRANSACTION_RETRY) {
    super(config);
    this.#policy = policy;
  }

  override transaction(): TransactionBuilder<DB> {
    const builder = super.transaction();
    const once = builder.execute.bind(builder);
    const policy = this.#policy;
    builder.execute = <T>(callback: (tx: Transaction<DB>) => Promise<T>) => retryTransaction(once, callback, policy);
    return builder;
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
