import { createGraphQLError, type Plugin } from "graphql-yoga";
import { MAX_INPUT_DEPTH } from "./document-limits.ts";

/**
 * Request-shape checks yoga leaves open: an answer with a message for unsupported content types
 * (yoga's own 415 has an empty body), an empty batch (yoga answers `[]`), and `variables` nested too deep or carrying
 * U+0000, which would otherwise overflow the stack while coercing or fail inside PostgreSQL as a
 * masked error.
 */

function requestError(message: string, status: number, code: string) {
  return createGraphQLError(message, { extensions: { code, http: { status } } });
}

type JsonProblem = "too-deep" | "nul" | null;

/** Walks a parsed JSON value without recursion (its depth is what is being checked). */
export function jsonProblem(value: unknown, maxDepth = MAX_INPUT_DEPTH): JsonProblem {
  const stack: { value: unknown; depth: number }[] = [{ value, depth: 0 }];
  while (stack.length) {
    const { value: current, depth } = stack.pop()!;
    if (typeof current === "string") {
      if (current.includes("\u0000")) return "nul";
    } else if (current !== null && typeof current === "object") {
      if (depth + 1 > maxDepth) return "too-deep";
      for (const [key, child] of Object.entries(current)) {
        if (key.includes("\u0000")) return "nul";
        stack.push({ value: child, depth: depth + 1 });
      }
    }
  }
  return null;
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
      if (problem === "too-deep") throw requestError(`variables are nested more than ${MAX_INPUT_DEPTH} levels deep.`, 400, "BAD_USER_INPUT");
      if (problem === "nul") throw requestError("Text must not contain the NUL character (U+0000).", 400, "BAD_USER_INPUT");
    },
  };
}
