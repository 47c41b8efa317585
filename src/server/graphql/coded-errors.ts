import type { ExecutionResult, GraphQLError } from "graphql";
import { createGraphQLError, type Plugin } from "graphql-yoga";
import { isTransientDatabaseError } from "../db/transient.ts";
import { databaseUnavailable } from "../services/errors.ts";

/**
 * Gives every error a client can act on an `extensions.code`:
 * - a transient database failure (busy, connection lost, disk full) that escaped the server's own
 *   retries becomes DATABASE_UNAVAILABLE, which clients retry with backoff; the driver's text stays
 *   here;
 * - graphql-js reports bad variable values (a wrong enum value, an Int out of range, a missing
 *   required field) without a code: those get BAD_USER_INPUT.
 * Any other uncoded error was thrown by server code and is left to yoga's masking (INTERNAL_SERVER_ERROR).
 */
function withCode(error: GraphQLError): GraphQLError {
  if (error.extensions?.code) return error;
  const original = error.originalError;
  if (original && isTransientDatabaseError(original)) {
    const unavailable = databaseUnavailable();
    return createGraphQLError(unavailable.message, { nodes: error.nodes, path: error.path, extensions: unavailable.extensions });
  }
  if (original && !isGraphQLError(original)) return error;
  return createGraphQLError(error.message, { nodes: error.nodes, path: error.path, extensions: { ...error.extensions, code: "BAD_USER_INPUT" } });
}

/** By name: graphql-js may be loaded twice (ESM and CommonJS copies), so `instanceof` can miss. */
const isGraphQLError = (error: Error) => error.name === "GraphQLError";

/** The result with every error coded, or undefined when all of them already were. */
function coded(result: ExecutionResult): ExecutionResult | undefined {
  if (!result || !Array.isArray(result.errors) || result.errors.every((e) => e.extensions?.code)) return undefined;
  return { ...result, errors: result.errors.map(withCode) };
}

/** Applies to query and mutation results and to each result a live query (subscription) emits. */
export function codedErrorsPlugin(): Plugin {
  return {
    onExecute() {
      return {
        onExecuteDone({ result, setResult }) {
          const next = coded(result as ExecutionResult);
          if (next) setResult(next);
        },
      };
    },
    onSubscribe() {
      return {
        onSubscribeResult() {
          return {
            onNext({ result, setResult }) {
              const next = coded(result);
              if (next) setResult(next);
            },
          };
        },
      };
    },
  };
}
