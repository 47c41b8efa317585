import { type DocumentNode, getOperationAST } from "graphql";
import { createHandler } from "graphql-sse/lib/use/fetch";
import type { Plugin } from "graphql-yoga";
import { jsonProblem, variablesProblemMessage } from "../request-guards.ts";

/**
 * Where a browser multiplexes all of its live queries over one event stream (the GraphQL over SSE
 * protocol's "single connection mode"): `PUT` reserves a stream and answers its token, `GET` with
 * the token opens the stream, `POST` adds one operation to it (answered 202, its results arrive on
 * the stream, tagged with the operation's id), `DELETE ?operationId=` stops one operation on the
 * server. Browsers open at most 6 HTTP/1.1 connections per origin; one long response per live
 * query starved the page's other requests. The per-request SSE of `/graphql` stays for the CLI,
 * agent and engine.
 */
export const STREAM_PATH = "/graphql/stream";

/** The methods the stream route answers (http.ts refuses others before they reach yoga). */
export const STREAM_METHODS = ["GET", "POST", "PUT", "DELETE"] as const;

/** An answer before any operation runs, as `[body, init]`, the handler's own response shape. */
function refusal(status: number, code: string, message: string): [string, ResponseInit] {
  return [JSON.stringify({ errors: [{ message, extensions: { code } }] }), { status, headers: { "content-type": "application/json; charset=utf-8" } }];
}

function parseOrRefuse(parse: (source: string) => DocumentNode, query: string): DocumentNode | [string, ResponseInit] {
  try {
    return parse(query);
  } catch (error) {
    // yoga's parse throws GraphQLErrors with their code; keep both.
    const { message, extensions } = error as { message?: string; extensions?: { code?: unknown } };
    return refusal(400, typeof extensions?.code === "string" ? extensions.code : "GRAPHQL_PARSE_FAILED", message ?? "The query could not be parsed.");
  }
}

/**
 * Serves STREAM_PATH from yoga's own envelop, so every operation goes through the same plugins as
 * `/graphql` (auth in onRequest when registered before this one, document limits, validation rules,
 * masked errors, the live-query plugin). Only subscriptions are taken: the route exists for live
 * queries, and queries and mutations keep their single home at `/graphql`. The checks yoga's
 * request pipeline makes on `variables` (depth, text) are repeated here, since that pipeline is
 * bypassed.
 */
export function singleConnectionPlugin(): Plugin {
  let handle: ((request: Request) => Promise<Response>) | undefined;
  return {
    onYogaInit({ yoga }) {
      handle = createHandler(
        {
          async onSubscribe(req, params) {
            const problem = jsonProblem(params.variables ?? null);
            if (problem) return refusal(400, "BAD_USER_INPUT", variablesProblemMessage(problem));
            const enveloped = yoga.getEnveloped({ request: req.raw, params });
            const document = parseOrRefuse(enveloped.parse, params.query);
            if (Array.isArray(document)) return document;
            if (getOperationAST(document, params.operationName)?.operation !== "subscription") {
              return refusal(400, "BAD_REQUEST", `Only subscriptions can be sent to ${STREAM_PATH}; send queries and mutations to /graphql.`);
            }
            const errors = enveloped.validate(enveloped.schema, document);
            if (errors.length > 0) return [JSON.stringify({ errors }), { status: 400, headers: { "content-type": "application/json; charset=utf-8" } }];
            const contextValue = await enveloped.contextFactory();
            return enveloped.subscribe({ schema: enveloped.schema, document, contextValue, variableValues: params.variables, operationName: params.operationName });
          },
        },
        yoga.fetchAPI,
      );
    },
    onRequest({ url, request, endResponse }) {
      if (url.pathname !== STREAM_PATH || !handle) return;
      return handle(request).then(endResponse);
    },
  };
}
