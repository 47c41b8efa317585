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

/**
 * The first problem in a parsed JSON value. Recursion is safe: it stops one level past `maxDepth`.
 * Plain loops, no per-node allocation: a full batch of 10,000 logs passes through here.
 */
export function jsonProblem(value: unknown, maxDepth = MAX_INPUT_DEPTH, depth = 0): JsonProblem {
  if (typeof value === "string") return value.includes("\u0000") ? "nul" : null;
  if (value === null || typeof value !== "object") return null;
  if (depth + 1 > maxDepth) return "too-deep";
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      const problem = jsonProblem(value[i], maxDepth, depth + 1);
      if (problem) return problem;
    }
    return null;
  }
  const object = value as Record<string, unknown>;
  for (const key in object) {
    if (key.includes("\u0000")) return "nul";
    const problem = jsonProblem(object[key], maxDepth, depth + 1);
    if (problem) return problem;
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
