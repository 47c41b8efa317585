import { createGraphQLError } from "graphql-yoga";

/**
 * Expected failures a client can act on. Each becomes a GraphQL error with `extensions.code` (never
 * masked); the UI and the agent branch on the code, never on the message.
 */
export type ErrorCode =
  | "BAD_USER_INPUT"
  | "NOT_FOUND"
  | "UNIQUENESS_VIOLATION"
  | "PROJECT_NOT_EMPTY"
  | "FLOW_ARCHIVED"
  | "VERSION_LOCKING_ERROR"
  | "INVALID_TRANSITION"
  | "ALREADY_SUBMITTED"
  | "FLOW_RUN_NOT_RUNNING"
  | "TOO_MANY_LOGS"
  | "LOG_MESSAGE_TOO_LARGE"
  /** The database cannot take the request now (busy, unreachable, full): re-send it with backoff if repeating it is safe. */
  | "DATABASE_UNAVAILABLE";

export function serviceError(code: ErrorCode, message: string) {
  return createGraphQLError(message, { extensions: { code } });
}

export const badInput = (message: string) => serviceError("BAD_USER_INPUT", message);
export const notFound = (message: string) => serviceError("NOT_FOUND", message);
export const databaseUnavailable = () => serviceError("DATABASE_UNAVAILABLE", "The database is busy or unreachable; try again shortly.");

/** The `extensions.code` of an error thrown by a service (see {@link serviceError}), if it has one. */
export function serviceErrorCode(error: unknown): string | undefined {
  const code = (error as { extensions?: { code?: unknown } } | null)?.extensions?.code;
  return typeof code === "string" ? code : undefined;
}

/** True for a unique-constraint failure from either driver (SQLite or PostgreSQL). */
export function isUniqueViolation(error: unknown): boolean {
  const e = error as { code?: unknown } | null;
  return !!e && (e.code === "SQLITE_CONSTRAINT_UNIQUE" || e.code === "SQLITE_CONSTRAINT_PRIMARYKEY" || e.code === "23505");
}
