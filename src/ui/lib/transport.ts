import { Client, fetchExchange, subscriptionExchange } from "urql";
import { apiKey } from "./api-key.ts";
import { createLiveStream } from "./live-stream.ts";

/** Every request goes through here, so every 401 (query, mutation or live stream) reaches the key prompt. */
const fetchNoticing401: typeof fetch = async (input, init) => {
  const response = await fetch(input, init);
  if (response.status === 401) apiKey.markRejected();
  return response;
};

/** The page's live queries, all on one event stream; see live-stream.ts. */
const liveStream = createLiveStream({ fetch: fetchNoticing401, headers: () => apiKey.headers() });

// A new key (or none) must not ride on a stream opened with the old one. Registered before
// live-query.ts's own listener (this module loads first), so its streams reopen on a fresh connection.
let streamKey = apiKey.get().key;
apiKey.subscribe(() => {
  if (apiKey.get().key === streamKey) return;
  streamKey = apiKey.get().key;
  liveStream.restart();
});

/**
 * The SPA's one GraphQL transport. urql only moves bytes (queries and mutations over HTTP, live
 * queries over the shared event stream); TanStack Query is the cache, so urql gets no cache exchange
 * and every request goes to the network. Headers are read per request (and per stream connection),
 * so a key entered later applies to the very next request and stream.
 */
export const urql = new Client({
  url: "/graphql",
  exchanges: [subscriptionExchange({ forwardSubscription: (request) => liveStream.forward(request) }), fetchExchange],
  requestPolicy: "network-only",
  preferGetMethod: false,
  fetch: fetchNoticing401,
  fetchOptions: () => ({ headers: apiKey.headers() }),
});
