import { Agent, createServer, type IncomingHttpHeaders, request as httpRequest } from "node:http";
import type { AddressInfo } from "node:net";
import { Kind, type OperationDefinitionNode, parse } from "graphql";

/**
 * A loopback HTTP proxy for tests that play the worst moment of a network failure: the server got a
 * request, did its work and answered, but the answer never reached the client. Everything is
 * forwarded as is (live queries stream through), except the requests a {@link LoseRule} picks: those
 * are forwarded, the server's whole answer is awaited, and then the client's connection is destroyed
 * instead of answered, so the client sees a transport error for work that is already stored.
 */

/** One GraphQL request as sent in a POST body. */
export interface GraphQLBody {
  query?: string;
  operationName?: string | null;
  variables?: Record<string, unknown> | null;
}

/** Picks the request whose answer is lost: the `nth` request (1-based, default 1) matching `operation` and `when`. */
export interface LoseRule {
  /** An operation name (`Agent_claimFlowRuns`) or a root field of the document (`claim_flow_runs`). */
  operation: string;
  nth?: number;
  /** Narrows the match further (e.g. the batch that carries the final flow state); counted after it. */
  when?: (body: GraphQLBody) => boolean;
  /**
   * Cut the client off at once and hold the request until the next one the rule matches (its
   * retry), then send both to the server together: the connection broke while the server was still
   * at work, and the retry lands while the first delivery is being processed.
   */
  race?: boolean;
}

/** An answer the proxy withheld: what the server said to a request it processed. */
export interface LostAnswer {
  operation: string;
  nth: number;
  request: GraphQLBody;
  status: number;
  /** The server's answer, as text (a successful one has `data` and no `errors`). */
  answer: string;
}

export interface AnswerLosingProxy {
  /** The proxy's GraphQL endpoint: give it to the client instead of the server's. */
  url: string;
  /** The answers withheld so far, in order. */
  lost: LostAnswer[];
  /** How many requests named `operation` (operation name or root field, narrowed by `when`) went through, lost ones included. */
  count(operation: string, when?: (body: GraphQLBody) => boolean): number;
  /** Resolves once no request is waiting for its answer (live queries aside): what was sent is stored. */
  idle(): Promise<void>;
  close(): Promise<void>;
}

/** The names a request answers to: its operation name and its operation's root fields; subscriptions are flagged. */
function namesOf(body: GraphQLBody): { names: string[]; subscription: boolean } {
  const names = body.operationName ? [body.operationName] : [];
  let subscription = false;
  try {
    for (const definition of parse(body.query ?? "").definitions) {
      if (definition.kind !== Kind.OPERATION_DEFINITION) continue;
      const operation = definition as OperationDefinitionNode;
      if (body.operationName && operation.name?.value !== body.operationName) continue;
      if (operation.name) names.push(operation.name.value);
      subscription ||= operation.operation === "subscription";
      for (const selection of operation.selectionSet.selections) if (selection.kind === Kind.FIELD) names.push(selection.name.value);
    }
  } catch {
    // Not a GraphQL document the proxy understands: forwarded, never matched.
  }
  return { names: [...new Set(names)], subscription };
}

/** Parses a POST body into its GraphQL requests (one, or a batch); anything else yields none. */
function bodiesOf(raw: Buffer): GraphQLBody[] {
  try {
    const parsed: unknown = JSON.parse(raw.toString("utf8"));
    const list = Array.isArray(parsed) ? parsed : [parsed];
    return list.filter((b): b is GraphQLBody => typeof b === "object" && b !== null);
  } catch {
    return [];
  }
}

/** Hop-by-hop headers are the proxy's own business on each side, never forwarded. */
const HOP_BY_HOP = new Set(["connection", "keep-alive", "transfer-encoding", "upgrade", "proxy-connection"]);
function endToEnd(headers: IncomingHttpHeaders): IncomingHttpHeaders {
  return Object.fromEntries(Object.entries(headers).filter(([name]) => !HOP_BY_HOP.has(name.toLowerCase())));
}

/** Starts the proxy in front of the GraphQL endpoint `target` (e.g. `http://127.0.0.1:4200/graphql`). */
export async function startAnswerLosingProxy(target: string, rules: LoseRule[]): Promise<AnswerLosingProxy> {
  const upstreamUrl = new URL(target);
  const upstreamAgent = new Agent({ keepAlive: true });
  const seen: { names: string[]; body: GraphQLBody }[] = [];
  /** Requests still waiting for their answer (live queries aside, which never finish). */
  const unanswered = new Set<Promise<void>>();
  /** Per rule, how many requests it matched so far. */
  const matched = rules.map(() => 0);
  const lost: LostAnswer[] = [];
  /** Race rules' requests waiting for their retry, by rule index. */
  const held = new Map<number, { send: () => void; nth: number }>();

  /** The rule (if any) that loses this request's answer; every rule counts the requests it matches. */
  const pick = (bodies: GraphQLBody[]): { chosen?: { rule: LoseRule; index: number; nth: number; body: GraphQLBody }; live: boolean; releases: number[] } => {
    let chosen: { rule: LoseRule; index: number; nth: number; body: GraphQLBody } | undefined;
    let live = false;
    const releases: number[] = [];
    for (const body of bodies) {
      const { names, subscription } = namesOf(body);
      seen.push({ names, body });
      // A live query's answer never ends, so there is no complete answer to withhold.
      live ||= subscription;
      if (subscription) continue;
      rules.forEach((rule, i) => {
        if (!names.includes(rule.operation) || (rule.when && !rule.when(body))) return;
        matched[i]++;
        if (matched[i] === (rule.nth ?? 1)) chosen ??= { rule, index: i, nth: matched[i], body };
        if (held.get(i)?.nth === matched[i] - 1) releases.push(i);
      });
    }
    return { chosen, live, releases };
  };

  const server = createServer(async (req, res) => {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const raw = Buffer.concat(chunks);
    const { chosen: lose, live, releases } = req.method === "POST" ? pick(bodiesOf(raw)) : { chosen: undefined, live: false, releases: [] };
    let answered = () => {};
    if (!live) {
      const done = new Promise<void>((resolve) => (answered = resolve));
      unanswered.add(done);
      void done.then(() => unanswered.delete(done));
    }
    // A lost answer counts as answered once the server answered (its client is long gone).
    if (!lose) res.on("close", () => answered());
    const upstream = httpRequest({
      agent: upstreamAgent,
      host: upstreamUrl.hostname,
      port: upstreamUrl.port,
      method: req.method,
      path: (req.url ?? "/").replace(/^\/graphql(?=$|\?)/, upstreamUrl.pathname),
      headers: { ...endToEnd(req.headers), host: upstreamUrl.host, "content-length": String(raw.length) },
    });
    upstream.on("error", () => {
      req.socket.destroy();
      answered();
    });
    upstream.on("response", async (answer) => {
      if (lose) {
        const parts: Buffer[] = [];
        try {
          for await (const part of answer) parts.push(part as Buffer);
        } catch {
          // The server went away mid-answer: the client loses it either way.
        }
        lost.push({ operation: lose.rule.operation, nth: lose.nth, request: lose.body, status: answer.statusCode ?? 0, answer: Buffer.concat(parts).toString("utf8") });
        req.socket.destroy();
        answered();
        return;
      }
      res.writeHead(answer.statusCode ?? 502, endToEnd(answer.headers));
      answer.pipe(res);
      // A client that hangs up (a closed live query) ends the upstream stream too.
      res.on("close", () => answer.destroy());
    });
    if (lose?.rule.race) {
      // The client sees the connection break now; the server sees this request with its retry.
      held.set(lose.index, { nth: lose.nth, send: () => upstream.end(raw) });
      req.socket.destroy();
      return;
    }
    for (const index of releases) {
      held.get(index)!.send();
      held.delete(index);
    }
    upstream.end(raw);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/graphql`,
    lost,
    count: (operation, when) => seen.filter((s) => s.names.includes(operation) && (!when || when(s.body))).length,
    async idle() {
      while (unanswered.size) await Promise.all([...unanswered]);
    },
    async close() {
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      // Open live queries and idle keep-alive connections would hold close() forever.
      server.closeAllConnections();
      upstreamAgent.destroy();
      await closed;
    },
  };
}
