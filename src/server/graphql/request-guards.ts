import { createGraphQLError, type Plugin } from "graphql-yoga";
import { findJsonProblem, type JsonProblem, TEXT_PROBLEM_MESSAGES } from "../../core/text.ts";
import { MAX_INPUT_DEPTH } from "./document-limits.ts";

/**
 * Request-shape checks yoga leaves open: an answer with a message for unsupported content types
 * (yoga's own 415 has an empty body), an empty batch (yoga answers `[]`), and `variables` nested too deep
 * (which would overflow the stack while coercing) or carrying text that cannot be stored as sent
 * (U+0000, lone surrogates: see core/text.ts).
 */

function requestError(message: string, status: number, code: string) {
  return createGraphQLError(message, { extensions: { code, http: { status } } });
}

/** The first problem in `variables`: text that cannot be stored as sent, or nesting past `maxDepth`. */
export function jsonProblem(value: unknown, maxDepth = MAX_INPUT_DEPTH): JsonProblem {
  return findJsonProblem(value, maxDepth);
}

/** The message for a problem in `variables` (all are BAD_USER_INPUT, HTTP 400). */
export function variablesProblemMessage(problem: Exclude<JsonProblem, null>): string {
  return problem === "too-deep" ? `variables are nested more than ${MAX_INPUT_DEPTH} levels deep.` : TEXT_PROBLEM_MESSAGES[problem];
}

export function requestGuardsPlugin(): Plugin {
  return {
    onRequestParse({ requestParser, endResponse, fetchAPI }) {
      if (!requestParser) {
        // Yoga's built-in parsers run first; none matched this content type.
        const body = { errors: [{ message: "Unsupported content type: send GraphQL as application/json (or a GET with query parameters).", extensions: { code: "UNSUPPORTED_MEDIA_TYPE" } }] };
        endResponse(new fetchAPI.Response(JSON.stringify(body), { status: 415, headers: { "content-type": "application/json" } }));
        return;
      }
      return {
        onRequestParseDone({ requestParserResult }) {
          if (Array.isArray(requestParserResult) && requestParserResult.length === 0) {
            throw requestError("The batch is empty: send at least one operation.", 400, "BAD_REQUEST");
          }
        },
      };
    },
    onParams({ params }) {
      const problem = jsonProblem(params.variables ?? null);
      if (problem) throw requestError(variablesProblemMessage(problem), 400, "BAD_USER_INPUT");
    },
  };
}
