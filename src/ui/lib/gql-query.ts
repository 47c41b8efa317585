import type { TypedDocumentNode } from "@graphql-typed-document-node/core";
import type { AnyVariables, CombinedError } from "urql";
import { type QueryKey, queryOptions } from "@tanstack/react-query";
import { firstAnswers } from "./first-answers.ts";
import { urql } from "./transport.ts";

/** A failed GraphQL operation; `code` is the server's `extensions.code` (absent for network failures). */
export class GqlError extends Error {
  readonly code: string | undefined;
  readonly network: boolean;
  constructor(message: string, code: string | undefined, network: boolean) {
    super(message);
    this.name = "GqlError";
    this.code = code;
    this.network = network;
  }
}

export function toGqlError(error: CombinedError): GqlError {
  const first = error.graphQLErrors[0];
  if (first) return new GqlError(first.message, first.extensions?.code as string | undefined, false);
  return new GqlError("Cannot reach the Tern server.", undefined, true);
}

/** The server refused the request for want of a valid API key (`tern server start --auth`). */
export function isUnauthenticated(error: CombinedError): boolean {
  const status = (error.response as { status?: number } | undefined)?.status;
  return status === 401 || error.graphQLErrors.some((e) => e.extensions?.code === "UNAUTHENTICATED");
}

/** The code of an error thrown by this layer, for branching (never match on message text). */
export function errorCode(error: unknown): string | undefined {
  return error instanceof GqlError ? error.code : undefined;
}

export async function runQuery<TData, TVars extends AnyVariables>(document: TypedDocumentNode<TData, TVars>, variables: TVars): Promise<TData> {
  // On a cold load the page may have asked for this already, before the app loaded (first-answers.ts).
  const early = await firstAnswers.take(document as TypedDocumentNode<unknown, never>, variables);
  if (early) {
    const error = early.errors?.[0];
    if (error) throw new GqlError(error.message, typeof error.extensions?.code === "string" ? error.extensions.code : undefined, false);
    return early.data as TData;
  }
  const result = await urql.query(document, variables, { requestPolicy: "network-only" }).toPromise();
  if (result.error) throw toGqlError(result.error);
  return result.data as TData;
}

export async function runMutation<TData, TVars extends AnyVariables>(document: TypedDocumentNode<TData, TVars>, variables: TVars): Promise<TData> {
  const result = await urql.mutation(document, variables).toPromise();
  if (result.error) throw toGqlError(result.error);
  return result.data as TData;
}

export interface GqlMeta {
  document: TypedDocumentNode<unknown, AnyVariables>;
  variables: AnyVariables;
}

/**
 * The bridge: a typed document + variables become TanStack `queryOptions`. The document rides along
 * in `meta` so `useLiveQuery` can open the matching subscription for the same cache entry.
 */
export function gqlQueryOptions<TData, TVars extends AnyVariables, TKey extends QueryKey>(queryKey: TKey, document: TypedDocumentNode<TData, TVars>, variables: TVars) {
  return queryOptions({
    queryKey,
    queryFn: () => runQuery(document, variables),
    meta: { document: document as unknown as GqlMeta["document"], variables } as unknown as Record<string, unknown>,
    retry: (count: number, error: Error) => count < 2 && error instanceof GqlError && error.network,
  });
}
