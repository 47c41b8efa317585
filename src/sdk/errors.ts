import { TernApiError, TernConnectionError } from "../client/errors.ts";

/** Thrown when a flow cannot be registered or run; `errors` lists every problem found. */
export class FlowValidationError extends Error {
  constructor(
    readonly flowName: string,
    readonly errors: string[],
  ) {
    super(`Flow "${flowName}" is not valid:\n${errors.map((e) => `  - ${e}`).join("\n")}`);
    this.name = "FlowValidationError";
  }
}

/** An expected registration failure: the message is the whole story (no stack needed). */
export class RegisterError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "RegisterError";
    this.stack = `RegisterError: ${message}`;
  }
}

/**
 * True for the failures the SDK reports in one line (bad flow, refused registration, server error
 * or unreachable server), told apart by class, never by name or message: a user's error that
 * happens to share a name is not one of them.
 *
 * @example
 * ```ts
 * isExpectedFailure(new RegisterError("no such project")); // true
 * ```
 */
export function isExpectedFailure(error: unknown): error is Error {
  return error instanceof FlowValidationError || error instanceof RegisterError || error instanceof TernApiError || error instanceof TernConnectionError;
}
