import { GraphQLError } from "graphql";
import { createGraphQLError, type Plugin } from "graphql-yoga";
import { findJsonProblem, type JsonProblem, TEXT_PROBLEM_MESSAGES } from "../../core/text.ts";
import { MAX_INPUT_DEPTH } from "./document-limits.ts";

/**
 * Request-shape checks yoga leaves open: GraphQL only as GET or a JSON POST (see
 * ACCEPTED_POST_TYPES), answered 415 with a message otherwise (yoga's own 415 has an empty body), an
 * empty batch (yoga answers `[]`), and `variables` nested too deep (which would overflow the stack
 * while coercing) or carrying text that cannot be stored as sent (U+0000, lone surrogates: see
 * core/text.ts).
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

/**
 * The only media types a POST may carry. A browser page can send the other types yoga knows
 * (`application/x-www-form-urlencoded`, `multipart/form-data`, `text/plain`) cross-site without a
 * CORS preflight, so accepting them would let any web page act on this server; `application/graphql`
 * is refused too, to keep one way in. `application/graphql-response+json` is the GraphQL over HTTP
 * media type, a JSON body like `application/json`.
 */
export const ACCEPTED_POST_TYPES = ["application/json", "application/graphql-response+json"] as const;

function mediaType(request: Request): string {
  return (request.headers.get("content-type") ?? "").split(";")[0]!.trim().toLowerCase();
}

function unsupportedMediaType(fetchAPI: { Response: typeof Response }): Response {
  const body = {
    errors: [{ message: `Unsupported content type: send GraphQL as a POST of ${ACCEPTED_POST_TYPES.join(" or ")}, or a GET with query parameters.`, extensions: { code: "UNSUPPORTED_MEDIA_TYPE" } }],
  };
  return new fetchAPI.Response(JSON.stringify(body), { status: 415, headers: { "content-type": "application/json" } });
}

/** Reads a `application/graphql-response+json` body; yoga's JSON parser only matches its own types. */
async function parseJsonBody(request: Request) {
  let body: unknown;
  try {
    body = await request.json();
  } catch {
    throw requestError("POST body sent invalid JSON.", 400, "BAD_REQUEST");
  }
  if (body === null || typeof body !== "object") throw requestError(`POST body is expected to be object but received ${body === null ? "null" : typeof body}`, 400, "BAD_REQUEST");
  return body as Record<string, unknown>;
}

export function requestGuardsPlugin(): Plugin {
  return {
    onRequestParse({ request, requestParser, setRequestParser, endResponse, fetchAPI }) {
      if (request.method === "POST") {
        const type = mediaType(request);
        if (!(ACCEPTED_POST_TYPES as readonly string[]).includes(type)) return endResponse(unsupportedMediaType(fetchAPI));
        if (type === "application/graphql-response+json") setRequestParser(parseJsonBody);
      } else if (!requestParser) {
        // Yoga's built-in parsers run first; none matched this method.
        return endResponse(unsupportedMediaType(fetchAPI));
      } else {
        // A GET's `variables` or `extensions` that is not JSON makes yoga's parser throw a plain
        // SyntaxError, which would be masked as a 500.
        setRequestParser(async (req) => {
          try {
            return await requestParser(req);
          } catch (error) {
            if (error instanceof GraphQLError) throw error;
            throw requestError("The `variables` and `extensions` query parameters must be JSON.", 400, "BAD_REQUEST");
          }
        });
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
