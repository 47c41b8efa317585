import { randomUUID } from "node:crypto";
import type { GraphQLSchema } from "graphql";
import { createApp } from "./app.ts";
import type { ServerConfig } from "./config.ts";
import { openDatabase } from "./db/database.ts";
import type { AppDeps } from "./deps.ts";
import { createChangeFeed } from "./feed.ts";
import { openLiveStream } from "./graphql/live/sse.ts";
import { Metrics } from "./metrics.ts";
import { ensureDefaultTenant } from "./services/tenants.ts";

/**
 * What a fresh server does once, after it listens, so that the first run costs what the tenth does.
 * Measured before this existed (first-runs bench, the server's CPU per run): the first run took
 * ~18-30 ms of CPU more than later ones, spread over code running for the first time (GraphQL
 * validation and execution, yoga, the resolvers and services, Kysely's compiler, the codecs, the
 * live-query re-run and its SSE write), and the run's create, final write and push waited for it.
 *
 * A whole run goes through a second app built over a throwaway in-memory database with the same
 * migrations: a flow is registered, a run created, watched by a live query, claimed and started by
 * an agent, and finished by an engine's final batch (task states, a log line, the flow's Success),
 * which the live query sees. Nothing reaches the user's database, its change feed or its live
 * queries: every dependency of that app is its own, and all of it is dropped afterwards.
 */

const URL = "http://localhost/graphql";

/**
 * The run's state, live. It reads flow_run alone: the final batch's last flow_run change is its
 * Success, so once that is seen no re-run is left pending when the stream closes (task runs, which
 * change after it, are read by a plain query).
 */
const WATCH = `subscription Warm_watch($id: uuid!) { flow_run_by_pk(id: $id) { id state version } }`;

const READ = `query Warm_read($id: uuid!) { flow_run_by_pk(id: $id) { id state task_runs(order_by: { start_time: asc }) { id state task { slug } } logs { message } } }`;

/** A flow as the SDK registers one: two tasks in a chain, local storage that is never read. */
const FLOW = {
  type: "prefect.core.flow.Flow",
  __version__: "1.4.1",
  name: "tern-server-warm-up",
  parameters: [],
  reference_tasks: [],
  schedule: null,
  run_config: { type: "UniversalRun", labels: ["tern-warm-up"], env: null },
  storage: { type: "Local", path: "/nonexistent/tern-warm-up.ts" },
  tasks: ["first-1", "second-1"].map((slug) => ({ slug, name: slug.replace(/-\d+$/, ""), type: "FunctionTask", max_retries: 0, tags: [] })),
  edges: [{ upstream_task: { slug: "first-1" }, downstream_task: { slug: "second-1" }, key: null, mapped: false }],
};

const CLAIM = `mutation Warm_claim($input: claim_flow_runs_input!) {
  claim_flow_runs(input: $input) {
    flow_runs { id version flow_run { id name version state parameters flow { id name storage tasks { id slug } } task_runs(where: { map_index: { _eq: -1 } }) { id version state task { id slug } } } }
    lost
  }
}`;

const WRITE = `mutation Warm_write($input: write_run_batch_input!) { write_run_batch(input: $input) { flow_run_states { id } task_run_states { id } } }`;

type Gql = (query: string, variables?: Record<string, unknown>, headers?: Record<string, string>) => Promise<Record<string, any>>;

/** One run, start to finish, through `gql` and a live query on `fetch`. Throws if any step fails. */
async function oneRun(gql: Gql, fetch: (url: string, init: RequestInit) => Promise<Response> | Response): Promise<void> {
  const projectId = (await gql(`mutation Warm_project($input: create_project_input!) { create_project(input: $input) { id } }`, { input: { name: "warm-up" } })).create_project.id;
  const flowId = (await gql(`mutation Warm_flow($input: create_flow_input!) { create_flow(input: $input) { id } }`, { input: { project_id: projectId, serialized_flow: FLOW } })).create_flow.id;
  const runId = (await gql(`mutation Warm_run($input: create_flow_run_input!) { create_flow_run(input: $input) { id } }`, { input: { flow_id: flowId } })).create_flow_run.id;
  const live = await openLiveStream(fetch, URL, WATCH, { id: runId });
  try {
    await live.next();
    const agentId = (await gql(`mutation Warm_agent($input: register_agent_input!) { register_agent(input: $input) { id } }`, { input: { type: "LocalAgent", name: "warm-up", labels: ["tern-warm-up"] } }))
      .register_agent.id;
    const claimed = (await gql(CLAIM, { input: { labels: ["tern-warm-up"], limit: 1, start: 1 } }, { "X-PREFECT-AGENT-ID": agentId })).claim_flow_runs.flow_runs[0];
    const taskRuns: { id: string }[] = claimed.flow_run.task_runs;
    await gql(WRITE, {
      input: {
        logs: [{ flow_run_id: runId, task_run_id: taskRuns[0]!.id, message: "warm-up", level: "INFO", name: "warm-up", timestamp: new Date().toISOString(), idempotency_key: randomUUID() }],
        flow_run_states: [{ flow_run_id: runId, state: { type: "Success", message: "All reference tasks succeeded." }, idempotency_key: randomUUID() }],
        task_run_states: taskRuns.flatMap((t) => [
          { task_run_id: t.id, version: 0, state: { type: "Running" }, idempotency_key: randomUUID() },
          { task_run_id: t.id, state: { type: "Success" }, idempotency_key: randomUUID() },
        ]),
      },
    });
    while ((await live.next()).data?.flow_run_by_pk?.state !== "Success");
  } finally {
    await live.close();
  }
  await gql(READ, { id: runId });
}

/**
 * Runs the warm-up on a throwaway database; `config` is the server's (its limits), with auth off
 * and no database of its own, and `schema` the server's own (immutable: resolvers get everything
 * else from the request's context), so the warm-up builds none. Resolves when everything it opened is closed again; throws if a step
 * failed (the caller ignores it: a warm-up that fails costs the first run what it did before).
 */
export async function warmUp(config: ServerConfig, schema: GraphQLSchema): Promise<void> {
  const opened = await openDatabase(":memory:");
  try {
    const tenantId = await ensureDefaultTenant(opened.db, opened.dialect);
    const events = await createChangeFeed(opened);
    try {
      const deps: AppDeps = { db: opened.db, dialect: opened.dialect, events, config: { ...config, databaseUrl: ":memory:", auth: false }, tenantId };
      const yoga = createApp(deps, new Metrics(), schema);
      const gql: Gql = async (query, variables, headers = {}) => {
        const response = await yoga.fetch(URL, { method: "POST", headers: { "content-type": "application/json", ...headers }, body: JSON.stringify({ query, variables }) });
        const body = (await response.json()) as { data?: Record<string, any>; errors?: { message: string }[] };
        if (body.errors?.length || !body.data) throw new Error(`server warm-up: ${body.errors?.[0]?.message ?? `HTTP ${response.status}`}`);
        return body.data;
      };
      await oneRun(gql, yoga.fetch);
    } finally {
      await events.close();
    }
  } finally {
    await opened.close();
  }
}

/**
 * How long after listening the warm-up begins: the first requests of a fresh server (health checks,
 * an agent registering, its engines' own warm-ups) are answered first, and `start → healthy` is not
 * its to pay.
 */
export const WARM_UP_DELAY_MS = 500;

/**
 * {@link warmUp} once, `delayMs` after now. `done` resolves when it is over (or was cancelled before
 * it began); `stop()` cancels it if it has not begun, else waits for its end.
 */
export function warmUpAfterStart(config: ServerConfig, schema: GraphQLSchema, delayMs = WARM_UP_DELAY_MS): { done: Promise<void>; stop(): Promise<void> } {
  let finish!: () => void;
  const done = new Promise<void>((resolve) => (finish = resolve));
  let begun = false;
  const timer = setTimeout(() => {
    begun = true;
    warmUp(config, schema)
      .catch((error: unknown) => console.warn(`Server warm-up skipped: ${(error as Error).message}`))
      .finally(finish);
  }, delayMs);
  timer.unref();
  return {
    done,
    async stop() {
      clearTimeout(timer);
      if (!begun) finish();
      await done;
    },
  };
}

