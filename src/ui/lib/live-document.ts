import type { DocumentNode, Kind, OperationDefinitionNode } from "graphql";

const cache = new WeakMap<DocumentNode, DocumentNode>();

/**
 * The live twin of a query: the same document with `query` turned into `subscription` (every read
 * root field is also a subscription field with the same arguments). A live document may have only
 * one root field, as GraphQL subscriptions require.
 */
export function toSubscription(document: DocumentNode): DocumentNode {
  const hit = cache.get(document);
  if (hit) return hit;
  const definitions = document.definitions.map((d) => {
    if (d.kind !== "OperationDefinition" || d.operation !== "query") return d;
    if (d.selectionSet.selections.length !== 1) throw new Error(`A live query needs exactly one root field (${d.name?.value ?? "anonymous"}).`);
    return { ...d, operation: "subscription", loc: undefined } as OperationDefinitionNode;
  });
  // A fresh node without `loc` (or urql's cached `__key`): urql sends `loc.source.body` when present,
  // which would still be the query's text, and keys operations by it.
  const live: DocumentNode = { kind: "Document" as Kind.DOCUMENT, definitions };
  cache.set(document, live);
  return live;
}
