import { createGraphQLError, createYoga, type Plugin, type YogaServerInstance } from "graphql-yoga";
import { bearerToken } from "./auth/api-keys.ts";
import type { ApiKeyGuard } from "./auth/key-guard.ts";
import { endStreamsOfRevokedKeys } from "./auth/revoked-streams.ts";
import type { AppDeps } from "./deps.ts";
import type { GraphQLContext } from "./graphql/context.ts";
import { liveQueryPlugin } from "./graphql/live/plugin.ts";
import { singleConnectionPlugin } from "./graphql/live/single-connection.ts";
import { codedErrorsPlugin } from "./graphql/coded-errors.ts";
import { csrfPreventionPlugin } from "./graphql/csrf.ts";
import { documentLimitsPlugin } from "./graphql/document-limits.ts";
import { listLimitPlugin } from "./graphql/list-limits.ts";
import { readCostPlugin } from "./graphql/read/cost-plugin.ts";
import { depthLimitPlugin } from "./graphql/read/limits.ts";
import { requestGuardsPlugin } from "./graphql/request-guards.ts";
import { buildSchema } from "./graphql/schema.ts";
import { createFrontDoor } from "./front-door.ts";
import type { Metrics } from "./metrics.ts";

/**
 * The Prefect 1.4.1 client sends `variables` as a JSON *string* (`"null"` when there are none);
 * yoga expects an object, so parse it before validation.
 */
const variablesAsString: Plugin = {
  onParams({ params, setParams }) {
    const variables: unknown = params.variables;
    if (typeof variables === "string") {
      let parsed: unknown;
      try {
        parsed = JSON.parse(variables);
      } catch {
        throw createGraphQLError("`variables` is a string but not valid JSON.", { extensions: { code: "BAD_REQUEST", http: { status: 400 } } });
      }
      setParams({ ...params, variables: (parsed ?? undefined) as Record<string, unknown> | undefined });
    }
  },
};

function countRequests(metrics: Metrics): Plugin {
  return {
    onExecute() {
      metrics.requests++;
      return {
        onExecuteDone({ result }) {
          if (result && "errors" in result && result.errors?.length) metrics.requestErrors++;
        },
      };
    },
  };
}

/** With `--auth`, every GraphQL request needs a live API key; the answer without one is a 401 in GraphQL shape. */
function requireApiKey(keys: ApiKeyGuard): Plugin {
  return {
    async onRequest({ request, endResponse, fetchAPI }) {
      const token = bearerToken(request);
      if (token && (await keys.verify(token))) return;
      const message = token ? "Invalid API key." : "An API key is required: send `Authorization: Bearer <key>` (create one with `tern auth create-key`).";
      endResponse(
        new fetchAPI.Response(JSON.stringify({ errors: [{ message, extensions: { code: "UNAUTHENTICATED" } }] }), {
          status: 401,
          headers: { "content-type": "application/json", "www-authenticate": "Bearer" },
        }),
      );
    },
  };
}

export type TernYoga = YogaServerInstance<Record<string, unknown>, GraphQLContext>;

/** The GraphQL app, without a port: tests call `yoga.fetch` directly; `http.ts` mounts it on node:http. */
export function createApp(deps: AppDeps, metrics: Metrics): TernYoga {
  const keys = deps.config.auth ? deps.apiKeys : undefined;
  if (deps.config.auth && !keys) throw new Error("--auth needs deps.apiKeys (see auth/key-guard.ts).");
  const frontDoor = createFrontDoor(deps.config);
  return createYoga<Record<string, unknown>, GraphQLContext>({
    schema: buildSchema(),
    graphqlEndpoint: "/graphql",
    // The Prefect UI batches up to 25 operations in one POST (Apollo BatchHttpLink).
    batching: { limit: 100 },
    landingPage: false,
    graphiql: { title: "Tern GraphQL" },
    maskedErrors: true,
    // Only GET and JSON POSTs carry GraphQL (request-guards.ts refuses the rest); multipart would
    // let a cross-site form post an operation without a CORS preflight.
    multipart: false,
    // http.ts bounds every body before yoga sees it (Content-Length at most MAX_BODY_BYTES, chunked
    // bodies refused, Node's parser reads no more than declared). Yoga's own limit re-checked that by
    // piping each body through a web TransformStream: ~10% of a small request's CPU.
    maxRequestBodySize: false,
    // http.ts's front door has already refused foreign origins; a browser may read the answer only
    // for an origin this server accepts. PUT and DELETE are the live stream's (single-connection.ts).
    cors: (request) => {
      const origin = request.headers.get("origin");
      return origin && frontDoor.originAllowed(origin, request.headers.get("host")) ? { origin, methods: ["GET", "POST", "PUT", "DELETE"] } : false;
    },
    // singleConnectionPlugin answers its route from onRequest: after requireApiKey, so it needs the key too.
    plugins: [
      ...(keys ? [requireApiKey(keys)] : []),
      variablesAsString,
      requestGuardsPlugin(),
      csrfPreventionPlugin(),
      countRequests(metrics),
      codedErrorsPlugin(),
      depthLimitPlugin(),
      documentLimitsPlugin(),
      listLimitPlugin(),
      readCostPlugin(deps),
      liveQueryPlugin(metrics),
      ...(keys ? [endStreamsOfRevokedKeys(keys)] : []),
      singleConnectionPlugin(),
    ],
    context: ({ request }) => ({
      ...deps,
      request,
      agentIdHeader: request.headers.get("x-prefect-agent-id"),
      loaders: new Map(),
    }),
  }) as unknown as TernYoga;
}
