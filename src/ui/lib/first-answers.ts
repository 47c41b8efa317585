import type { TypedDocumentNode } from "@graphql-typed-document-node/core";

/** One operation of a batch answer, as the server sends it. */
export interface BatchResult {
  data?: unknown;
  errors?: readonly { message: string; extensions?: { code?: unknown } }[];
}

/**
 * Queries sent by the script inlined into index.html (first-requests.inline.ts) before the app has
 * loaded, as one batched POST: what was asked (operation name and variables, in batch order), when,
 * and the answer (null when the request failed or was refused, e.g. 401: the app then asks itself).
 */
export interface FirstRequests {
  sent: number;
  operations: readonly { name: string; variables: Record<string, unknown> }[];
  answers: Promise<readonly BatchResult[] | null>;
}

declare global {
  interface Window {
    __ternFirstRequests?: FirstRequests;
  }
}

/** Older answers are not adopted: a cold load that took this long is better served by a fresh request. */
export const FIRST_ANSWER_MAX_AGE_MS = 5000;

/** JSON with object keys sorted, so `{a, b}` and `{b, a}` compare equal. */
function canonical(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) =>
    v && typeof v === "object" && !Array.isArray(v) ? Object.fromEntries(Object.entries(v).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) : v,
  );
}

function operationName(document: TypedDocumentNode<unknown, never>): string | undefined {
  for (const definition of document.definitions) if (definition.kind === "OperationDefinition") return definition.name?.value;
  return undefined;
}

/**
 * Hands each early answer to the first query that asks for the same operation with the same
 * variables, once. `take` gives undefined (ask the ordinary way) for a second ask, other variables,
 * an answer too old, or a batch that failed or was refused.
 */
export function createFirstAnswers(first: FirstRequests | undefined, now: () => number) {
  const taken = new Set<number>();
  return {
    async take(document: TypedDocumentNode<unknown, never>, variables: unknown): Promise<BatchResult | undefined> {
      if (!first || taken.size === first.operations.length) return undefined;
      if (now() - first.sent > FIRST_ANSWER_MAX_AGE_MS) return undefined;
      const name = operationName(document);
      const key = canonical(variables ?? {});
      const index = first.operations.findIndex((op, i) => !taken.has(i) && op.name === name && canonical(op.variables) === key);
      if (index < 0) return undefined;
      taken.add(index);
      const answer = (await first.answers.catch(() => null))?.[index];
      return answer && (answer.data != null || answer.errors?.length) ? answer : undefined;
    },
  };
}

/** The page's early answers (none when the page was not opened on a view that sends any). */
export const firstAnswers = createFirstAnswers(typeof window === "undefined" ? undefined : window.__ternFirstRequests, () => performance.now());
