import { createGraphQLError } from "graphql-yoga";

/** Expected read-API failures: each carries an `extensions.code` the clients branch on. */
export function badInput(message: string) {
  return createGraphQLError(message, { extensions: { code: "BAD_USER_INPUT" } });
}

export function limitExceeded(message: string) {
  return createGraphQLError(message, { extensions: { code: "LIMIT_EXCEEDED" } });
}
