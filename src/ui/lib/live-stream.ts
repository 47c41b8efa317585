import type { ExecutionResult, SubscriptionForwarder, SubscriptionOperation } from "urql";
import { type Client, createClient } from "graphql-sse";

/** The server's stream route (src/server/graphql/live/single-connection.ts). */
export const STREAM_URL = "/graphql/stream";

/**
 * How long the connection outlives its last operation. Moving between pages stops one page's live
 * queries and starts the next's: within this time they reuse the open stream instead of paying a
 * reservation and a new event stream (two round trips) before their first result.
 */
export const IDLE_CLOSE_MS = 10_000;

/** A refusal's GraphQL errors, as the server sent them, for a failure that carries a response. */
interface GraphqlErrors {
  errors: { message: string; extensions?: Record<string, unknown> }[];
}

/**
 * A 401 from any request of the stream (reservation, event stream, operation) arrives as graphql-sse's
 * NetworkError holding the response. Its body is the server's refusal in GraphQL shape; handed to
 * urql as an array, those errors become the result's graphQLErrors, so the live query sees the
 * UNAUTHENTICATED code and waits for a key instead of retrying. Other failures stay network errors.
 */
export function refusalErrors(error: unknown): Promise<GraphqlErrors["errors"] | null> {
  const response = (error as { response?: Response } | null)?.response;
  if (response?.status !== 401) return Promise.resolve(null);
  // A refused reservation fails every operation waiting on it with the same response; its body can
  // be read once only.
  let read = refusals.get(response);
  if (!read) refusals.set(response, (read = readRefusal(response)));
  return read;
}

const refusals = new WeakMap<Response, Promise<GraphqlErrors["errors"]>>();

async function readRefusal(response: Response): Promise<GraphqlErrors["errors"]> {
  try {
    const body = (await response.json()) as Partial<GraphqlErrors>;
    if (Array.isArray(body.errors) && body.errors.length > 0) return body.errors;
  } catch {
    // Not the server's JSON (a proxy's page): fall through to a refusal of our own.
  }
  return [{ message: "The server refused the API key.", extensions: { code: "UNAUTHENTICATED" } }];
}

/**
 * The connection-friendly fetch for the stream's short requests. graphql-sse reads only the status
 * of an operation's POST (202) and DELETE (200), never their (empty) bodies, and a response body
 * nobody reads keeps the request open in the browser, holding one of its six connections. So their
 * bodies are read here, and the response handed on is rebuilt from what was read. Leaving a page
 * stops its live queries (a DELETE each) while the next page starts its own and loads: Chromium hands
 * a free connection to the highest-priority waiting request, so stops go as `low`.
 */
export function streamFetch(fetchImpl: typeof fetch): typeof fetch {
  return async (input, init) => {
    const method = init?.method ?? "GET";
    if (method !== "POST" && method !== "DELETE") return fetchImpl(input, init);
    const response = await fetchImpl(input, method === "DELETE" ? { ...init, priority: "low" } : init);
    const body = await response.arrayBuffer();
    return new Response(body.byteLength > 0 ? body : null, { status: response.status, statusText: response.statusText, headers: response.headers });
  };
}

export interface LiveStreamOptions {
  fetch: typeof fetch;
  headers: () => Record<string, string>;
}

/**
 * All of the page's live queries on ONE event stream (GraphQL over SSE, single connection mode), so
 * they hold one of the browser's six HTTP/1.1 connections instead of one each. The client never
 * retries by itself (retryAttempts 0): a broken stream fails every operation at once, and each live
 * query reconnects on its own backoff, marking the page down meanwhile (live-query.ts). Headers are
 * read when the connection opens; `restart()` drops it so the next operation opens one with the
 * headers of now (a new API key).
 */
export function createLiveStream(options: LiveStreamOptions) {
  const open = (): Client<true> =>
    createClient({
      url: STREAM_URL,
      singleConnection: true,
      lazy: true,
      lazyCloseTimeout: IDLE_CLOSE_MS,
      retryAttempts: 0,
      headers: options.headers,
      fetchFn: streamFetch(options.fetch),
    });
  let client = open();
  return {
    /** urql's subscriptionExchange hands each subscription here. */
    forward(request: SubscriptionOperation): ReturnType<SubscriptionForwarder> {
      const operation = { query: request.query ?? "", variables: request.variables as Record<string, unknown> | undefined, operationName: request.operationName, extensions: request.extensions };
      return {
        subscribe(sink) {
          const dispose = client.subscribe(operation, {
            next: (result) => sink.next(result as ExecutionResult),
            complete: () => sink.complete(),
            error: (error) => void refusalErrors(error).then((errors) => sink.error(errors ?? error)),
          });
          return { unsubscribe: dispose };
        },
      };
    },
    restart() {
      client.dispose();
      client = open();
    },
  };
}
