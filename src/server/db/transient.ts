/**
 * Database errors that say "not now" rather than "no": the write lost a race for a lock, the
 * connection went away, the disk is full. Retrying later can succeed, so they are retried inside the
 * server where that is safe and otherwise answered with DATABASE_UNAVAILABLE, never as bad input.
 */

/** What kind of transient failure: it decides whether the transaction can have committed. */
export type TransientKind =
  /** The database refused the work and rolled it back (lock, deadlock, serialization, disk full). */
  | "refused"
  /** The connection broke: a COMMIT in flight may or may not have been applied. */
  | "connection";

// SQLite extended codes keep their primary code as a prefix (SQLITE_BUSY_SNAPSHOT, SQLITE_IOERR_WRITE…).
const SQLITE_REFUSED = ["SQLITE_BUSY", "SQLITE_LOCKED", "SQLITE_FULL", "SQLITE_IOERR", "SQLITE_PROTOCOL"];

/** PostgreSQL SQLSTATE classes and codes worth another try. */
const PG_CONNECTION_CLASSES = ["08"]; // connection exception
const PG_CONNECTION_CODES = new Set(["57P01", "57P02", "57P03"]); // admin / crash shutdown, cannot connect now
const PG_REFUSED_CODES = new Set(["40001", "40P01", "55P03", "53100", "53200", "53300"]); // serialization, deadlock, lock, disk full, memory, connections

/** Socket errors from the PostgreSQL driver (Node system error codes). */
const SOCKET_CODES = new Set(["ECONNREFUSED", "ECONNRESET", "EPIPE", "ETIMEDOUT", "EHOSTUNREACH", "ENETUNREACH", "EAI_AGAIN"]);

/**
 * node-postgres reports a connection that ended under a query with a plain Error and no code;
 * its message is the only sign (this is driver classification, never shown to a client).
 */
const PG_CONNECTION_MESSAGES = [/^Connection terminated/, /^Client has encountered a connection error/, /^Client was closed and is not queryable/, /timeout exceeded when trying to connect/];

export function transientKind(error: unknown): TransientKind | undefined {
  if (!error || typeof error !== "object") return undefined;
  const code = (error as { code?: unknown }).code;
  if (typeof code === "string") {
    if (SQLITE_REFUSED.some((prefix) => code === prefix || code.startsWith(`${prefix}_`))) return "refused";
    if (PG_REFUSED_CODES.has(code)) return "refused";
    if (PG_CONNECTION_CODES.has(code) || PG_CONNECTION_CLASSES.some((c) => code.startsWith(c) && code.length === 5)) return "connection";
    if (SOCKET_CODES.has(code)) return "connection";
  }
  const message = (error as { message?: unknown }).message;
  if (typeof message === "string" && PG_CONNECTION_MESSAGES.some((pattern) => pattern.test(message))) return "connection";
  return undefined;
}

export function isTransientDatabaseError(error: unknown): boolean {
  return transientKind(error) !== undefined;
}
