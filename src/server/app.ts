import { createGraphQLError, createYoga, type Plugin, type YogaServerInstance } from "graphql-yoga";
import { bearerToken, verifyApiKey } from "./auth/api-keys.ts";
import type { AppDeps, GraphQLContext } from "./graphql/context.ts";
import { liveQueryPlugin } from "./graphql/live/plugin.ts";
import { singleConnectionPlugin } from "./graphql/live/single-connection.ts";
import { codedErrorsPlugin } from "./graphql/coded-errors.ts";
import { documentLimitsPlugin } from "./graphql/document-limits.ts";
import { listLimitPlugin } from "./graphql/list-limits.ts";
import { readCostPlugin } from "./graphql/read/cost-plugin.ts";
import { depthLimitPlugin } from "./graphql/read/limits.ts";
import { requestGuardsPlugin } from "./graphql/request-guards.ts";
import { buildSchema } from "./graphql/schema.ts";
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
function requireApiKey(deps: AppDeps): Plugin {
  return {
    async onRequest({ request, endResponse, fetchAPI }) {
      const token = bearerToken(request);
      if (token && (await verifyApiKey(deps.db, token))) return;
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
  return createYoga<Record<string, unknown>, GraphQLContext>({
    schema: buildSchema(),
    graphqlEndpoint: "/graphql",
    // The Prefect UI batches up to 25 operations in one POST (Apollo BatchHttpLink).
    batching: { limit: 100 },
    landingPage: false,
    graphiql: { title: "Tern GraphQL" },
    maskedErrors: true,
    // The SPA is served by this server, so only its own origin may call the API from a browser.
    cors: (request) => {
      const origin = request.headers.get("origin");
      const sameOrigin = origin !== null && URL.canParse(origin) && new URL(origin).host === request.headers.get("host");
      return sameOrigin ? { origin, methods: ["GET", "POST"] } : false;
    },
    // singleConnectionPlugin answers its route from onRequest: after requireApiKey, so it needs the key too.
    plugins: [...(deps.config.auth ? [requireApiKey(deps)] : []), variablesAsString, requestGuardsPlugin(), countRequests(metrics), codedErrorsPlugin(), depthLimitPlugin(), documentLimitsPlugin(), listLimitPlugin(), readCostPlugin(deps), liveQueryPlugin(metrics), singleConnectionPlugin()],
    context: ({ request }) => ({
      ...deps,
      request,
      agentIdHeader: request.headers.get("x-prefect-agent-id"),
      loaders: new Map(),
    }),
  }) as unknown as TernYoga;
}
