import { existsSync, readFileSync, type Stats, statSync } from "node:fs";
import type { IncomingMessage, ServerResponse } from "node:http";
import { extname, join, normalize, sep } from "node:path";
import { sql } from "kysely";
import type { TernYoga } from "./app.ts";
import { bearerFromHeader } from "./auth/api-keys.ts";
import type { AppDeps } from "./deps.ts";
import { STREAM_METHODS, STREAM_PATH } from "./graphql/live/single-connection.ts";
import { createFrontDoor } from "./front-door.ts";
import type { Metrics } from "./metrics.ts";

const CONTENT_TYPES: Record<string, string> = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".svg": "image/svg+xml",
  ".png": "image/png",
  ".ico": "image/x-icon",
  ".json": "application/json",
  ".woff2": "font/woff2",
};

/**
 * The largest GraphQL request body accepted. The biggest legitimate bodies are a full batch of
 * 10,000 logs or a flow with thousands of tasks, a few MB each; anything larger is refused with
 * 413 before it is read, so it never reaches the JSON parser.
 */
export const MAX_BODY_BYTES = 16 * 1024 * 1024;

/**
 * The largest body on the live-query stream route: one subscription document and its variables
 * (the SPA's biggest is under 4 KB). Big bodies belong to `/graphql`.
 */
export const MAX_STREAM_BODY_BYTES = 64 * 1024;

function jsonError(res: ServerResponse, status: number, code: string, message: string, headers: Record<string, string> = {}) {
  res.writeHead(status, { "content-type": "application/json", ...headers }).end(JSON.stringify({ errors: [{ message, extensions: { code } }] }));
}

/**
 * Node's parser reads exactly `content-length` bytes, so checking the header bounds the body. A
 * chunked body has no length to check; every real client (browsers, Node's fetch, Python requests)
 * sends one, so it is asked for instead of counted.
 */
function refuseUnboundedBody(req: IncomingMessage, res: ServerResponse, maxBytes = MAX_BODY_BYTES): boolean {
  if (req.method === "GET" || req.method === "HEAD") return false;
  const declared = req.headers["content-length"];
  if (declared === undefined) {
    if (req.headers["transfer-encoding"] === undefined) return false;
    jsonError(res, 411, "LENGTH_REQUIRED", "Send the request body with a Content-Length header.", { connection: "close" });
    return true;
  }
  if (Number(declared) > maxBytes) {
    jsonError(res, 413, "PAYLOAD_TOO_LARGE", `The request body is ${Number(declared)} bytes; the maximum is ${maxBytes} bytes (${formatBytes(maxBytes)}).`, { connection: "close" });
    return true;
  }
  return false;
}

const formatBytes = (n: number) => (n >= 1024 * 1024 ? `${n / 1024 / 1024} MB` : `${n / 1024} KB`);

/**
 * The stream route takes its four methods only, with small bodies; see single-connection.ts.
 * OPTIONS passes too: yoga answers the CORS preflight of an allow-listed origin's dashboard.
 */
function refuseOnStreamRoute(req: IncomingMessage, res: ServerResponse): boolean {
  if (req.method === "OPTIONS") return false;
  if (!(STREAM_METHODS as readonly string[]).includes(req.method ?? "")) {
    jsonError(res, 405, "METHOD_NOT_ALLOWED", `${STREAM_PATH} takes ${STREAM_METHODS.join(", ")}.`, { allow: STREAM_METHODS.join(", ") });
    return true;
  }
  return refuseUnboundedBody(req, res, MAX_STREAM_BODY_BYTES);
}

/**
 * Routes of the HTTP server: GraphQL at `/graphql` and, for the Prefect client, `POST /`; the SPA's
 * live-query stream at STREAM_PATH; health and metrics; everything else is the built SPA with a
 * history fallback to index.html. Every request first passes the front door (Host and Origin, see
 * front-door.ts); a failure inside any route ends that request with an error and a log line, never
 * the process.
 */
export function createRequestHandler(yoga: TernYoga, deps: AppDeps, metrics: Metrics) {
  const uiDir = deps.config.uiDir;
  const hasUi = existsSync(join(uiDir, "index.html"));
  const frontDoor = createFrontDoor(deps.config);
  const files = createFileMemory();

  async function route(req: IncomingMessage, res: ServerResponse) {
    const refusal = frontDoor.refusal(req.headers.host, req.headers.origin);
    if (refusal) return jsonError(res, refusal.status, refusal.code, refusal.message);
    // Only origin-form targets (`/path?query`): an absolute URL or `*` is for proxies, and its
    // authority would bypass the Host check.
    const target = req.url ?? "";
    const url = target.startsWith("/") && URL.canParse(target, "http://localhost") ? new URL(target, "http://localhost") : undefined;
    if (!url) return jsonError(res, 400, "BAD_REQUEST", "The request target must be a path starting with /.");
    if (url.pathname === STREAM_PATH) {
      if (refuseOnStreamRoute(req, res)) return;
      return yoga(req, res);
    }
    if (url.pathname === "/graphql" || (url.pathname === "/" && req.method === "POST")) {
      if (refuseUnboundedBody(req, res)) return;
      if (url.pathname === "/") req.url = `/graphql${url.search}`;
      return yoga(req, res);
    }
    if (url.pathname === "/healthz") {
      try {
        await sql`select 1`.execute(deps.db);
        res.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify({ status: "ok" }));
      } catch {
        res.writeHead(503, { "content-type": "application/json" }).end(JSON.stringify({ status: "database unavailable" }));
      }
      return;
    }
    if (url.pathname === "/metrics") {
      if (deps.apiKeys && !(await deps.apiKeys.verify(bearerFromHeader(req.headers.authorization)))) {
        jsonError(res, 401, "UNAUTHENTICATED", "/metrics needs an API key under --auth: send `Authorization: Bearer <key>`.", { "www-authenticate": "Bearer" });
        return;
      }
      return serveMetrics(deps, metrics, res);
    }
    if (req.method !== "GET" && req.method !== "HEAD") {
      res.writeHead(405, { allow: "GET, HEAD" }).end();
      return;
    }
    const pathname = decodePath(url.pathname);
    if (pathname === undefined) return jsonError(res, 400, "BAD_REQUEST", "The request path has malformed percent-encoding.");
    if (!hasUi) {
      res.writeHead(200, { "content-type": "text/html; charset=utf-8" }).end(
        "<!doctype html><title>Tern</title><p>The Tern server is running. The dashboard is not built yet: run <code>npm run build</code>. GraphQL: <a href=\"/graphql\">/graphql</a></p>",
      );
      return;
    }
    serveStatic(uiDir, pathname, req, res, files);
  }

  return async (req: IncomingMessage, res: ServerResponse) => {
    try {
      await route(req, res);
    } catch (error) {
      failRequest(req, res, error);
    }
  };
}

/** The last resort: a 500 for this request (if nothing was sent yet) and one log line. */
function failRequest(req: IncomingMessage, res: ServerResponse, error: unknown) {
  const path = (req.url ?? "").slice(0, 200);
  console.error(`[${new Date().toISOString()}] http: ${req.method} ${path} failed: ${error instanceof Error ? error.message : String(error)}`);
  if (!res.headersSent) jsonError(res, 500, "INTERNAL_SERVER_ERROR", "The server failed to answer this request.");
  else res.destroy();
}

/** A database that cannot answer makes the scrape fail with 503, like /healthz; the counters need no database. */
async function serveMetrics(deps: AppDeps, metrics: Metrics, res: ServerResponse) {
  let rows: { state: string | null; count: number | string | bigint }[];
  try {
    rows = await deps.db.selectFrom("flow_run").select(["state", (eb) => eb.fn.countAll<number>().as("count")]).groupBy("state").execute();
  } catch (error) {
    console.error(`[${new Date().toISOString()}] http: /metrics cannot read run counts: ${error instanceof Error ? error.message : String(error)}`);
    return jsonError(res, 503, "DATABASE_UNAVAILABLE", "The database is unavailable; metrics cannot be read.");
  }
  res.writeHead(200, { "content-type": "text/plain; version=0.0.4" }).end(metrics.render(rows.map((r) => ({ state: r.state, count: Number(r.count) }))));
}

function decodePath(pathname: string): string | undefined {
  try {
    return decodeURIComponent(pathname);
  } catch {
    return undefined;
  }
}

/** Encodings the build writes beside each compressible file (see vite.config.ts), best first. */
const PRECOMPRESSED = [
  { encoding: "br", suffix: ".br" },
  { encoding: "gzip", suffix: ".gz" },
] as const;

/** The encodings an Accept-Encoding header allows: listed with a q above 0, or covered by `*`. */
export function acceptedEncodings(header: string | undefined): Set<string> {
  const accepted = new Set<string>();
  const refused = new Set<string>();
  let wildcard = false;
  for (const part of (header ?? "").split(",")) {
    const [name = "", ...params] = part.trim().toLowerCase().split(";");
    if (!name) continue;
    const q = params.map((p) => p.trim()).find((p) => p.startsWith("q="));
    const allowed = q === undefined || Number(q.slice(2)) > 0;
    if (name === "*") wildcard = allowed;
    else (allowed ? accepted : refused).add(name);
  }
  if (wildcard) for (const { encoding } of PRECOMPRESSED) if (!refused.has(encoding)) accepted.add(encoding);
  return accepted;
}

const isFile = (path: string) => existsSync(path) && statSync(path).isFile();

/** More than the built dashboard with all its variants (~1.5 MB); past it the memory starts over. */
const FILE_MEMORY_BYTES = 16 * 1024 * 1024;

/**
 * The dashboard's files as last read, by path, with the size and time of change they were read at, so
 * a file a new build replaced is read again. Answering from memory sends each file in one write, in
 * the turn its request arrived: a stream took an open, reads and a close on the thread pool, each
 * waiting for a turn of the event loop, which on a cold load is busy with the page's first queries.
 */
function createFileMemory() {
  const known = new Map<string, { size: number; mtimeMs: number; body: Buffer }>();
  let bytes = 0;
  return (path: string, stats: Stats): Buffer => {
    const kept = known.get(path);
    if (kept && kept.size === stats.size && kept.mtimeMs === stats.mtimeMs) return kept.body;
    const body = readFileSync(path);
    if (bytes + body.length > FILE_MEMORY_BYTES) {
      known.clear();
      bytes = 0;
    }
    bytes += body.length - (kept?.body.length ?? 0);
    known.set(path, { size: stats.size, mtimeMs: stats.mtimeMs, body });
    return body;
  };
}

function serveStatic(root: string, decoded: string, req: IncomingMessage, res: ServerResponse, read: ReturnType<typeof createFileMemory>) {
  const candidate = normalize(join(root, decoded));
  const insideRoot = candidate === root || candidate.startsWith(root + sep);
  let file = join(root, "index.html");
  if (insideRoot && isFile(candidate)) file = candidate;
  const type = CONTENT_TYPES[extname(file)] ?? "application/octet-stream";
  // Hashed assets never change; index.html must always be re-read to pick up a new build.
  const cache = file.includes(`${sep}assets${sep}`) ? "public, max-age=31536000, immutable" : "no-cache";
  // The build compresses once; a file without a variant (small, or not compressible) goes out as is.
  const accepted = acceptedEncodings(req.headers["accept-encoding"]);
  const variant = PRECOMPRESSED.find(({ encoding, suffix }) => accepted.has(encoding) && isFile(file + suffix));
  const sent = variant ? file + variant.suffix : file;
  let body: Buffer;
  try {
    body = read(sent, statSync(sent));
  } catch {
    // A file removed between the check and the read ends this response, not the process.
    return void res.destroy();
  }
  const headers: Record<string, string | number> = {
    "content-type": type,
    "cache-control": cache,
    "x-content-type-options": "nosniff",
    vary: "Accept-Encoding",
    "content-length": body.length,
  };
  if (variant) headers["content-encoding"] = variant.encoding;
  res.writeHead(200, headers);
  res.end(req.method === "HEAD" ? undefined : body);
}
