import type { TypedDocumentNode } from "@graphql-typed-document-node/core";
// urql's React-free entry (it re-exports @urql/core): the node programs never load React.
import { type AnyVariables, Client, type CombinedError, fetchExchange } from "urql/core";
import { apiUrl } from "./config.ts";
import { type GraphQLAnswer, PostTransport, type SentRequest } from "./transport.ts";
import { TernApiError, TernConnectionError } from "./errors.ts";
import { NewestResult } from "./newest-result.ts";
import { policyFromEnv, type RetryPolicy, SHORT_RETRY, withRetry } from "./retry.ts";

export interface TernClientOptions {
  /** GraphQL endpoint; default `TERN_API` or http://127.0.0.1:4200/graphql. */
  api?: string;
  /** Default `TERN_API_KEY`; sent as `Authorization: Bearer`. */
  apiKey?: string;
  headers?: Record<string, string>;
  /**
   * How transport failures are retried. Default: `SHORT_RETRY` (interactive commands fail fast);
   * the agent and engine pass `RESTART_RETRY` to ride out a server restart. `TERN_RETRY_FOR_MS`
   * overrides the total either way.
   */
  retryPolicy?: RetryPolicy;
}

export interface RequestOptions {
  /**
   * Re-send after a transport failure (refused, reset, 502/503/504). Queries always may; a mutation
   * only when re-sending it cannot apply it twice (it is idempotent or carries an idempotency key).
   */
  retry?: boolean;
}

/** Called with every request a TernClient sends (each attempt, subscriptions too): how tests count round trips. */
export type RequestObserver = (sent: SentRequest) => void;
const observers = new Set<RequestObserver>();

/** Adds an observer of every request the TernClients of this process send; returns its removal. */
export function observeRequests(observer: RequestObserver): () => void {
  observers.add(observer);
  return () => observers.delete(observer);
}

/**
 * The one GraphQL client of the node programs (CLI, SDK, agent, engine). Queries and mutations are
 * plain JSON POSTs over kept-alive connections (transport.ts): the agent and every engine send
 * several a run, and a fetch-based stack cost more CPU than the rest of the engine's work. Live
 * queries go through an urql `Client` (GraphQL over SSE). Errors become `TernApiError` (with the
 * server's `extensions.code`) or `TernConnectionError`.
 */
export class TernClient {
  readonly url: string;
  private readonly headers: Record<string, string>;
  private readonly urql: Client;
  private readonly transport: PostTransport;
  readonly retryPolicy: RetryPolicy;

  constructor(options: TernClientOptions = {}) {
    this.url = apiUrl(options.api);
    const apiKey = options.apiKey ?? process.env.TERN_API_KEY;
    this.retryPolicy = policyFromEnv(options.retryPolicy ?? SHORT_RETRY);
    this.headers = { ...(apiKey ? { authorization: `Bearer ${apiKey}` } : {}), ...options.headers };
    this.urql = new Client({
      url: this.url,
      exchanges: [fetchExchange],
      fetchSubscriptions: true,
      requestPolicy: "network-only",
      preferGetMethod: false,
      fetchOptions: () => ({ headers: { ...this.headers } }),
    });
    this.transport = new PostTransport(this.url);
  }

  /** Adds a header to every later request (the agent's `X-PREFECT-AGENT-ID`). */
  setHeader(name: string, value: string) {
    this.headers[name] = value;
  }

  /** Runs a query or mutation and returns its data, or throws. */
  async request<TData, TVars extends AnyVariables>(document: TypedDocumentNode<TData, TVars>, variables: TVars, options: RequestOptions = {}): Promise<TData> {
    const isQuery = isQueryDocument(document);
    const once = async (): Promise<TData> => {
      const sent: SentRequest = { document, variables: variables as Record<string, unknown>, headers: this.headers };
      for (const observer of observers) observer(sent);
      const answer = await this.transport.post(sent);
      return this.dataOf(answer) as TData;
    };
    return (options.retry ?? isQuery) ? withRetry(once, this.retryPolicy) : once();
  }

  /**
   * A live query: the current result at once, then every change, until the loop stops (`break`)
   * or the server ends the stream. Errors end the iteration by throwing. A loop slower than the
   * stream gets the newest result and skips the ones in between (each is the whole answer).
   */
  subscribe<TData, TVars extends AnyVariables>(document: TypedDocumentNode<TData, TVars>, variables: TVars): AsyncIterable<TData> & { close(): void } {
    let subscription: { unsubscribe(): void } | undefined;
    const sent: SentRequest = { document, variables: variables as Record<string, unknown>, headers: this.headers };
    for (const observer of observers) observer(sent);
    const results = new NewestResult<TData>(() => subscription?.unsubscribe());
    subscription = this.urql.subscription(document, variables).subscribe((result) => {
      if (result.error) results.fail(this.toError(result.error));
      else if (result.data) results.push(result.data as TData);
    });
    return results;
  }

  /** The answer's data, or the error it stands for (the same errors urql's results gave). */
  private dataOf(answer: GraphQLAnswer): unknown {
    const errors = answer.body?.errors;
    if (Array.isArray(errors) && errors.length) {
      const list = errors.map((e) => ({ message: String(e?.message ?? "Unknown error"), extensions: (e?.extensions ?? undefined) as Record<string, unknown> | undefined }));
      throw new TernApiError(list[0].message, list[0].extensions?.code as string | undefined, list);
    }
    const status = answer.status;
    // A proxy or load balancer in front of a restarting server answers these: the server is away, not wrong.
    if (status === 502 || status === 503 || status === 504) throw new TernConnectionError(this.url, `HTTP ${status}`);
    if (status >= 400) throw new TernApiError(`The server answered HTTP ${status}.`, status === 401 ? "UNAUTHENTICATED" : undefined);
    if (!answer.body?.data) throw new TernApiError("The server returned no data.", undefined);
    return answer.body.data;
  }

  private toError(error: CombinedError): Error {
    if (error.graphQLErrors.length) {
      const first = error.graphQLErrors[0];
      const code = first.extensions?.code as string | undefined;
      return new TernApiError(first.message, code, error.graphQLErrors.map((e) => ({ message: e.message, extensions: e.extensions as Record<string, unknown> })));
    }
    const network = error.networkError;
    const status = (error.response as { status?: number } | undefined)?.status;
    // A proxy or load balancer in front of a restarting server answers these: the server is away, not wrong.
    if (status === 502 || status === 503 || status === 504) return new TernConnectionError(this.url, `HTTP ${status}`);
    if (status && status >= 400) return new TernApiError(`The server answered HTTP ${status}.`, status === 401 ? "UNAUTHENTICATED" : undefined);
    const cause = (network as { cause?: { code?: string; message?: string } } | undefined)?.cause;
    return new TernConnectionError(this.url, cause?.code ?? cause?.message ?? network?.message ?? "network error");
  }
}

const queryDocuments = new WeakMap<object, boolean>();
function isQueryDocument(document: TypedDocumentNode<unknown, never>): boolean {
  let isQuery = queryDocuments.get(document);
  if (isQuery === undefined) {
    isQuery = document.definitions.some((d) => d.kind === "OperationDefinition" && d.operation === "query");
    queryDocuments.set(document, isQuery);
  }
  return isQuery;
}
