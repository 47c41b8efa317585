/** The server answered with a GraphQL error; `code` is its `extensions.code` (e.g. VERSION_LOCKING_ERROR). */
export class TernApiError extends Error {
  constructor(
    message: string,
    readonly code: string | undefined,
    readonly errors: readonly { message: string; extensions?: Record<string, unknown> }[] = [],
  ) {
    super(message);
    this.name = "TernApiError";
  }
}

/** The server could not be reached at all (refused, reset, DNS…). */
export class TernConnectionError extends Error {
  constructor(
    readonly url: string,
    readonly reason: string,
  ) {
    super(`cannot reach the Tern server at ${url} (is \`tern server start\` running?): ${reason}`);
    this.name = "TernConnectionError";
  }
}

/**
 * The server's database could not take the request for now (busy, unreachable, full). Like a lost
 * connection, worth re-sending with backoff when re-sending is safe.
 */
export const DATABASE_UNAVAILABLE = "DATABASE_UNAVAILABLE";

export function errorCode(error: unknown): string | undefined {
  return error instanceof TernApiError ? error.code : undefined;
}

/**
 * What to tell a node-side user whose request was refused with UNAUTHENTICATED: the server cannot
 * know that our key comes from TERN_API_KEY, so the CLI and the SDK say it.
 */
export function unauthenticatedMessage(env: NodeJS.ProcessEnv = process.env): string {
  return env.TERN_API_KEY
    ? "the server did not accept the API key in TERN_API_KEY; create one with `tern auth create-key`"
    : "this server requires an API key: set TERN_API_KEY to a key from `tern auth create-key`";
}
