import type { TypedDocumentNode } from "@graphql-typed-document-node/core";
import { print } from "graphql";

/** One GraphQL request over plain HTTP, as the SPA sends it; GraphQL errors throw with the query's name. */
export async function postGraphql<V>(url: string, document: TypedDocumentNode<unknown, V>, variables: V, name = "request"): Promise<void> {
  const response = await fetch(url, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ query: print(document), variables }) });
  const body = (await response.json()) as { errors?: unknown[] };
  if (!response.ok || body.errors) throw new Error(`${name}: HTTP ${response.status} ${JSON.stringify(body.errors)}`);
}
