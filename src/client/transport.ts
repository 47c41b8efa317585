import type { TypedDocumentNode } from "@graphql-typed-document-node/core";
// The printer alone: graphql's index loads the whole library (schema, validation, execution): ~9 MiB
// more RSS in a bare Node process, paid by the agent and each warm engine for one function.
import { print } from "graphql/language/printer.js";
import { Agent as HttpAgent, request as httpRequest, type IncomingMessage } from "node:http";
import { Agent as HttpsAgent, request as httpsRequest } from "node:https";
import { TernConnectionError } from "./errors.ts";

/** One GraphQL request as sent: its document, variables and extra headers. */
export interface SentRequest {
  document: TypedDocumentNode<unknown, never> | TypedDocumentNode<unknown, Record<string, unknown>>;
  variables: Record<string, unknown> | undefined;
  headers: Record<string, string>;
}

/** What came back: the HTTP status and the JSON body, when the body was JSON. */
export interface GraphQLAnswer {
  status: number;
  body: { data?: unknown; errors?: { message?: unknown; extensions?: Record<string, unknown> }[] } | undefined;
}

/**
 * An idle kept-alive connection is closed after this long: well under the server's own keep-alive
 * timeout (65 s), so the client, not the server, ends it and a request rarely meets a closing socket.
 */
const IDLE_SOCKET_MS = 30_000;

/** A document's text and operation name, worked out once per document (documents are module constants). */
const printed = new WeakMap<object, { query: string; operationName: string | undefined }>();
function textOf(document: SentRequest["document"]) {
  let text = printed.get(document);
  if (!text) {
    const operation = document.definitions.find((d) => d.kind === "OperationDefinition");
    text = { query: print(document), operationName: operation?.kind === "OperationDefinition" ? operation.name?.value : undefined };
    printed.set(document, text);
  }
  return text;
}

/** Why a request got no answer: the network error's `code` (ECONNREFUSED…), else its message. */
function reasonOf(error: unknown): string {
  const e = error as { code?: unknown; message?: unknown } | null;
  return typeof e?.code === "string" ? e.code : typeof e?.message === "string" ? e.message : "network error";
}

/**
 * GraphQL queries and mutations as JSON POSTs on node:http with kept-alive connections: no fetch,
 * streams or abort machinery per request, which made up most of an engine's CPU per run.
 * Any failure before an answer arrives is a {@link TernConnectionError}; the caller decides whether
 * re-sending is safe (as with fetch, a request is never re-sent here: a reset connection may have
 * delivered it).
 */
export class PostTransport {
  private readonly target: URL;
  private readonly agent: HttpAgent;
  private readonly send: typeof httpRequest;

  constructor(readonly url: string) {
    this.target = new URL(url);
    const https = this.target.protocol === "https:";
    this.send = https ? httpsRequest : httpRequest;
    this.agent = https ? new HttpsAgent({ keepAlive: true, timeout: IDLE_SOCKET_MS }) : new HttpAgent({ keepAlive: true, timeout: IDLE_SOCKET_MS });
  }

  post(sent: SentRequest): Promise<GraphQLAnswer> {
    const { query, operationName } = textOf(sent.document);
    const body = Buffer.from(JSON.stringify({ query, operationName, variables: sent.variables }));
    const headers = sent.headers;
    return new Promise<GraphQLAnswer>((resolve, reject) => {
      const req = this.send(this.target, {
        method: "POST",
        agent: this.agent,
        headers: {
          ...headers,
          "content-type": "application/json",
          accept: "application/graphql-response+json, application/json",
          "content-length": body.length,
        },
      });
      req.on("response", (res: IncomingMessage) => {
        const chunks: Buffer[] = [];
        res.on("data", (chunk: Buffer) => chunks.push(chunk));
        res.on("error", (error) => reject(new TernConnectionError(this.url, reasonOf(error))));
        res.on("end", () => {
          const status = res.statusCode ?? 0;
          const type = res.headers["content-type"] ?? "";
          let parsed: GraphQLAnswer["body"];
          if (/json/i.test(type)) {
            try {
              parsed = JSON.parse(Buffer.concat(chunks).toString("utf8")) as GraphQLAnswer["body"];
            } catch {
              // A body that is not JSON (a proxy's error page) leaves the status to speak.
              parsed = undefined;
            }
          }
          resolve({ status, body: parsed && typeof parsed === "object" ? parsed : undefined });
        });
      });
      req.on("error", (error) => reject(new TernConnectionError(this.url, reasonOf(error))));
      req.end(body);
    });
  }
}
