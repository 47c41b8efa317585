import { Client, fetchExchange } from "@urql/core";

/**
 * The SPA's one GraphQL transport. urql only moves bytes (queries over HTTP, live queries over SSE);
 * TanStack Query is the cache, so urql gets no cache exchange and every request goes to the network.
 */
export const urql = new Client({
  url: "/graphql",
  exchanges: [fetchExchange],
  fetchSubscriptions: true,
  requestPolicy: "network-only",
  preferGetMethod: false,
});
