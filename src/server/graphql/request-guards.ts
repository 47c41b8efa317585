import { GraphQLError } from "graphql";
import { createGraphQLError, type Plugin } from "graphql-yoga";
import { MAX_INPUT_DEPTH } from "./document-limits.ts";

/**
 * Request-shape checks yoga leaves open: GraphQL only as GET or a JSON POST (see
 * ACCEPTED_POST_TYPES), answered 415 with a message otherwise (yoga's own 415 has an empty body), an
 * empty batch (yoga answers `[]`), and `variables` nested too deep or carrying
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
      if (problem === "too-deep") throw requestError(`variables are nested more than ${MAX_INPUT_DEPTH} levels deep.`, 400, "BAD_USER_INPUT");
      if (problem === "nul") throw requestError("Text must not contain the NUL character (U+0000).", 400, "BAD_USER_INPUT");
    },
  };
}
