// Renamed: the library names its plugin like a React hook, which it is not.
import { useCSRFPrevention as csrfPrevention } from "@graphql-yoga/plugin-csrf-prevention";
import { createGraphQLError, type Plugin } from "graphql-yoga";

/**
 * The header a GraphQL GET must carry. A cross-site page can send a GET (an image, a link, a form)
 * without a CORS preflight; it cannot add a custom header without one, and the preflight is refused
 * for foreign origins (front-door.ts). POSTs reach here only as JSON (request-guards.ts), which
 * browsers always preflight, so they need no header.
 */
export const CSRF_HEADER = "x-graphql-yoga-csrf";

/**
 * graphql-yoga's CSRF prevention, answering with a code like every other refusal (the library's own
 * error has none).
 */
export function csrfPreventionPlugin(): Plugin {
  const library = csrfPrevention({ requestHeaders: [CSRF_HEADER] });
  return {
    onRequestParse(payload) {
      try {
        library.onRequestParse?.(payload as Parameters<NonNullable<typeof library.onRequestParse>>[0]);
      } catch {
        throw createGraphQLError(`A GraphQL GET must carry the \`${CSRF_HEADER}\` header (any value), so no other site's page can send it; or POST JSON.`, {
          extensions: { code: "CSRF_HEADER_REQUIRED", http: { status: 403 } },
        });
      }
    },
  };
}
