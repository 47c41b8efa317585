import { createGraphQLError } from "graphql-yoga";

/** Expected read-API failures: each carries an `extensions.code` the clients branch on. */
export function badInput(message: string) {
  return createGraphQLError(message, { extensions: { code: "BAD_USER_INPUT" } });
}

export function limitExceeded(message: string) {
  return createGraphQLError(message, { extensions: { code: "LIMIT_EXCEEDED" } });
}

/** The estimated cost of a request's reads is over the budget: refused before anything runs. */
export function queryTooCostly(message: string) {
  return createGraphQLError(message, { extensions: { code: "QUERY_TOO_COSTLY" } });
}

/** A read ran past the request's time limit and was stopped. */
export function queryTimeout(limitMs: number) {
  return createGraphQLError(`The query ran past the time limit of ${limitMs} ms; ask for fewer rows or narrow the filter.`, { extensions: { code: "QUERY_TIMEOUT" } });
}
