import { Client, fetchExchange } from "@urql/core";
import { apiKey } from "./api-key.ts";

/** Every request goes through here, so every 401 (query, mutation or live stream) reaches the key prompt. */
const fetchNoticing401: typeof fetch = async (input, init) => {
  const response = await fetch(input, init);
  if (response.status === 401) apiKey.markRejected();
  return response;
};

/**
 * The SPA's one GraphQL transport. urql only moves bytes (queries over HTTP, live queries over SSE);
 * TanStack Query is the cache, so urql gets no cache exchange and every request goes to the network.
 * Headers are read per request, so a key entered later applies to the very next request and stream.
 */
export const urql = new Client({
  url: "/graphql",
  exchanges: [fetchExchange],
  fetchSubscriptions: true,
  requestPolicy: "network-only",
  preferGetMethod: false,
  fetch: fetchNoticing401,
  fetchOptions: () => ({ headers: apiKey.headers() }),
});
