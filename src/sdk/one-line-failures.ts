import { isExpectedFailure } from "./errors.ts";

const INSTALLED = Symbol.for("tern.sdk.oneLineFailures");

/**
 * Makes a script whose `flow.register()` fails (server down, no such project, invalid flow) print
 * one clear line and exit with code 1 instead of a stack trace, whether it awaited the call at the
 * top level (Node reports that as an uncaught exception) or left the promise unawaited (an
 * unhandled rejection). Any other error keeps Node's own report and exit code 1. Installed once per
 * process, however many SDK copies are loaded.
 *
 * @example
 * ```ts
 * reportRegisterFailuresInOneLine();
 * await flow.register({ projectName: "nope" }); // Error: Project "nope" not found. … (exit 1)
 * ```
 */
export function reportRegisterFailuresInOneLine() {
  const g = globalThis as Record<symbol, unknown>;
  if (g[INSTALLED]) return;
  g[INSTALLED] = true;
  process.on("unhandledRejection", (reason) => {
    if (isExpectedFailure(reason)) {
      console.error(`Error: ${reason.message}`);
      process.exitCode = 1;
      return;
    }
    throw reason;
  });
  process.on("uncaughtException", (error) => {
    // Someone else listens too (a test runner, the script's own handler): theirs to decide.
    if (process.listenerCount("uncaughtException") > 1) return;
    console.error(isExpectedFailure(error) ? `Error: ${error.message}` : error);
    process.exit(1);
  });
}
