import { gql } from "urql/core";
import type { graphql as generated } from "../core/gql/gql.ts";

/**
 * `graphql()` for the agent's and the engine's documents: typed exactly like the generated one in
 * core/gql/gql.ts (codegen still finds each document by this call), but each document is parsed
 * from its own text, so the process never loads the generated module. That module builds every
 * document of every client (the dashboard's too) at import: about 10 MiB of memory in each process
 * that loads it, and each warm engine did.
 *
 * A document that spreads a fragment of another document gets that fragment's definition added, as
 * the generated documents have it; the fragment's document must be made first (import its module).
 */
const fragments = new Map<string, ReturnType<typeof gql>>();

const SPREAD = /\.\.\.\s*([_A-Za-z][_0-9A-Za-z]*)/g;
const DEFINITION = /\bfragment\s+([_A-Za-z][_0-9A-Za-z]*)\s+on\b/g;

function parseDocument(source: string) {
  const defined = new Set([...source.matchAll(DEFINITION)].map((m) => m[1]!));
  // `... on Type` is an inline fragment, not a spread of one.
  const spread = new Set([...source.matchAll(SPREAD)].map((m) => m[1]!).filter((name) => name !== "on" && !defined.has(name)));
  const used = [...spread].map((name) => {
    const document = fragments.get(name);
    if (!document) throw new Error(`GraphQL fragment ${name} is spread before its document was made`);
    return document;
  });
  const strings = [source, ...used.map(() => "")];
  const document = gql(Object.assign(strings, { raw: strings }) as unknown as TemplateStringsArray, ...used);
  for (const name of defined) fragments.set(name, document);
  return document;
}

export const graphql = parseDocument as unknown as typeof generated;
