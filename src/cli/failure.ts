import { TernApiError, unauthenticatedMessage } from "../client/errors.ts";
import { isExpectedFailure } from "../sdk/errors.ts";
import { CliError } from "./errors.ts";

/** Turns an expected failure (bad input, server unreachable, API error) into one clear CliError line. */
export function cliFailure(error: unknown): CliError {
  if (error instanceof CliError) return error;
  if (typeof error === "string") return new CliError(error);
  if (error instanceof TernApiError && error.code === "UNAUTHENTICATED") return new CliError(unauthenticatedMessage());
  if (isExpectedFailure(error)) return new CliError(error.message);
  return new CliError(error instanceof Error ? error.message : String(error));
}
