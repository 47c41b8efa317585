import type { TypedDocumentNode } from "@graphql-typed-document-node/core";
// urql's React-free entry (it re-exports @urql/core): the node programs never load React.
import { type AnyVariables, Client, type CombinedError, fetchExchange } from "urql/core";
import { apiUrl } from "./config.ts";
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

/**
 * The one GraphQL client of the node programs (CLI, SDK, agent, engine): an urql `Client` used as a
 * plain transport (no cache; subscriptions as GraphQL over SSE), with typed documents and errors
 * turned into `TernApiError` (with the server's `extensions.code`) or `TernConnectionError`.
 */
export class TernClient {
  readonly url: string;
  private readonly headers: Record<string, string>;
  private readonly urql: Client;
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
  }

  /** Adds a header to every later request (the agent's `X-PREFECT-AGENT-ID`). */
  setHeader(name: string, value: string) {
    this.headers[name] = value;
  }

  /** Runs a query or mutation and returns its data, or throws. */
  async request<TData, TVars extends AnyVariables>(document: TypedDocumentNode<TData, TVars>, variables: TVars, options: RequestOptions = {}): Promise<TData> {
    const isQuery = document.definitions.some((d) => d.kind === "OperationDefinition" && d.operation === "query");
    const once = async (): Promise<TData> => {
      const result = isQuery ? await this.urql.query(document, variables).toPromise() : await this.urql.mutation(document, variables).toPromise();
      if (result.error) throw this.toError(result.error);
      if (!result.data) throw new TernApiError("The server returned no data.", undefined);
      return result.data as TData;
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
    const results = new NewestResult<TData>(() => subscription?.unsubscribe());
    subscription = this.urql.subscription(document, variables).subscribe((result) => {
      if (result.error) results.fail(this.toError(result.error));
      else if (result.data) results.push(result.data as TData);
    });
    return results;
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
