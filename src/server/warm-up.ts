// The module the schema is built with (schema.ts): one copy of graphql's classes, in tests too.
import { type ExecutionResult, subscribe } from "graphql/index.js";
import type { TernYoga } from "./app.ts";

/**
 * Start-up warming: once the server listens and has been left alone for a moment, it opens, in its
 * own process, the live queries its clients open around a run (the run page's run, task runs and
 * log tail, a run's state as an API client watches it, the agent's queue), takes each first result
 * and closes it. A server's first live query paid for code run for the first time (the SSE stream,
 * parsing and validating, planning the read, Kysely compiling it, the live machinery): tens of
 * milliseconds on a run's first push, and a cold re-run widens a live query's throttle window (ten
 * times what its re-run cost) in which the run's next state then waits.
 *
 * Only reads, and only live ones: nothing is written, and nothing shows in /metrics (its request
 * counts count executed operations, and these are subscribed outside the live-query count). With `--auth` nothing is
 * warmed: the server would have to hold a key of its own. It starts {@link WARM_UP_DELAY_MS} after
 * listening (past `/healthz`'s first answers) and opens one query at a time, each in its own turn
 * of the event loop, so a request that comes meanwhile waits for one query's cost at most.
 */

/** A run id no run has: the run-shaped queries answer null. */
const NO_RUN_ID = "00000000-0000-0000-0000-000000000000";

const RUN_FIELDS = `
  id name state state_message state_timestamp labels version start_time end_time
  flow { id name version flow_group_id storage run_config project { id name } }`;
const TASK_RUN_FIELDS = `id name state map_index start_time end_time flow_run_id task_id task { id name mapped }`;
const LOG_FIELDS = `id level name message timestamp seq`;

/**
 * The live queries, written like the clients' (the texts need not be theirs: what warms is the
 * code every live query goes through). Each by a run id no run has, and over the newest run, which
 * a server with data has: relationships are read only under a row.
 */
export const WARM_UP_LIVE_QUERIES: { query: string; variables?: Record<string, unknown> }[] = [
  { query: `subscription TernWarmUp_runState($id: uuid!) { flow_run_by_pk(id: $id) { id state } }`, variables: { id: NO_RUN_ID } },
  { query: `subscription TernWarmUp_run($id: uuid!) { flow_run_by_pk(id: $id) { ${RUN_FIELDS} } }`, variables: { id: NO_RUN_ID } },
  { query: `subscription TernWarmUp_queue { flow_run(where: { state: { _eq: "Scheduled" } }, order_by: { created: desc }, limit: 1) { id } }` },
  {
    query: `subscription TernWarmUp_newestRun {
      flow_run(order_by: { created: desc }, limit: 1) {
        ${RUN_FIELDS}
        task_runs(order_by: [{ start_time: asc_nulls_last }, { map_index: asc }, { id: asc }], limit: 50) { ${TASK_RUN_FIELDS} }
        task_runs_aggregate { aggregate { count } }
        logs(order_by: [{ timestamp: desc }, { seq: desc }], limit: 50) { ${LOG_FIELDS} }
        logs_aggregate { aggregate { count } }
      }
    }`,
  },
];

/** How long after listening the server is left alone before it warms. */
export const WARM_UP_DELAY_MS = 200;
/** Each query is opened this often: code run once is compiled only lazily, a few times hotter. */
const ROUNDS = 3;

export interface ServerWarmUp {
  /** Resolves when the warm-up is over (or was stopped), with the number of live queries it opened. */
  done: Promise<number>;
  /** Ends it after the query in progress (the server is closing). */
  stop(): void;
}

/**
 * Subscribes to `query` with the app's schema and context (parsed and validated through its
 * plugins, without HTTP), takes its first result and ends the subscription at once. True when the
 * result has no errors. Subscribed past the plugins' hooks: the warm-up is not one of the live
 * queries /metrics counts.
 */
export async function firstResult(yoga: TernYoga, query: string, variables?: Record<string, unknown>): Promise<boolean> {
  const request = new Request("http://localhost/graphql", { method: "POST", headers: { "content-type": "application/json" } });
  const { parse, validate, contextFactory, schema } = yoga.getEnveloped({ request });
  const document = parse(query);
  if (validate(schema, document).length) return false;
  const result = (await subscribe({ schema, document, contextValue: await contextFactory(), variableValues: variables })) as
    | ExecutionResult
    | AsyncIterableIterator<ExecutionResult>;
  if (!(Symbol.asyncIterator in result)) return !result.errors?.length;
  try {
    const first = await result.next();
    return !first.done && !first.value.errors?.length;
  } finally {
    await result.return?.();
  }
}

/** Starts warming `yoga` in idle time (see above); `auth`: the server requires API keys, so it does not. */
export function warmUpServer(yoga: TernYoga, options: { auth: boolean; delayMs?: number }): ServerWarmUp {
  let stopped = options.auth;
  let wake: (() => void) | undefined;
  const done = (async () => {
    let opened = 0;
    if (stopped) return opened;
    await new Promise<void>((resolve) => {
      const timer = setTimeout(resolve, options.delayMs ?? WARM_UP_DELAY_MS);
      timer.unref();
      wake = () => {
        clearTimeout(timer);
        resolve();
      };
    });
    for (let round = 0; round < ROUNDS; round++) {
      for (const { query, variables } of WARM_UP_LIVE_QUERIES) {
        // Its own turn: requests that arrived meanwhile are answered first.
        await new Promise((resolve) => setImmediate(resolve));
        if (stopped) return opened;
        try {
          if (await firstResult(yoga, query, variables)) opened++;
        } catch {
          // A warm-up that fails costs nothing but its head start.
        }
      }
    }
    return opened;
  })();
  return {
    done,
    stop() {
      stopped = true;
      wake?.();
    },
  };
}
