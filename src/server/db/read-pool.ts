import type { Dialect } from "./codec.ts";
import { postgresTypes } from "./database.ts";
import { type ReadPool, type ReadPoolOptions, ReadTimeoutError } from "./read-pool-types.ts";
import { openSqliteReadPool } from "./sqlite-read-pool.ts";

/**
 * Where the read API's heavy statements run, so that no read can hold the event loop, the write
 * connections or shutdown hostage. On PostgreSQL: a pool of its own (writes keep theirs) whose
 * connections carry `statement_timeout`. On SQLite, whose driver runs every statement on the
 * calling thread: a few child processes with read-only connections (WAL lets them read beside the
 * writer); one that runs past the deadline is killed, which a worker thread could not be while it
 * is inside SQLite. A read pool is used for the read API only; everything else keeps using `db`.
 */

/** SQLite: two reader processes (at a lower CPU priority than the server); PostgreSQL: five connections. */
export const READ_POOL_SIZE: Record<Dialect, number> = { sqlite: 2, postgres: 5 };

/**
 * The read pool for `url`. PostgreSQL enforces the time limit per statement; the SQLite pool stops a
 * statement at the request's own deadline. An in-memory SQLite database, which no other process
 * can open, gets none: its reads stay on the server's connection.
 */
export async function openReadPool(url: string, dialect: Dialect, options: ReadPoolOptions): Promise<ReadPool | undefined> {
  if (dialect === "sqlite") return url === ":memory:" ? undefined : openSqliteReadPool(url, options);
  const { default: pg } = await import("pg");
  const pool = new pg.Pool({ connectionString: url, max: options.size, statement_timeout: options.timeoutMs, types: postgresTypes(pg) });
  pool.on("error", (error) => console.warn(`PostgreSQL: idle read connection lost (${error.message}); reconnecting on next read`));
  return {
    async all(query, deadline) {
      if (Date.now() >= deadline) throw new ReadTimeoutError();
      try {
        const result = await pool.query(query.sql, query.parameters as unknown[]);
        return result.rows as Record<string, unknown>[];
      } catch (error) {
        // 57014 query_canceled: statement_timeout fired.
        if ((error as { code?: string }).code === "57014") throw new ReadTimeoutError();
        throw error;
      }
    },
    async close() {
      // A read still running is cut off by the time limit or by the process exiting; shutdown does not wait for it.
      await Promise.race([pool.end(), new Promise((resolve) => setTimeout(resolve, 1000).unref())]);
    },
  };
}
