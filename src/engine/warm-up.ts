import { TernClient } from "../client/client.ts";
import { runFlow } from "../sdk/runner.ts";
import { context, Flow, task } from "../sdk/tern.ts";
import { FlowRunStateQuery } from "./documents.ts";

/**
 * What a warm engine does before it reports ready, so that its first run costs what its tenth does.
 * Measured before this existed (CPU time of the engine per run, first-runs bench): a worker's first
 * run took ~100 ms of CPU against 10-40 ms for later ones, spent compiling the code a run goes
 * through for the first time: the DAG runner and its async context, the GraphQL client, Node's HTTP
 * client (undici and its WebAssembly parser), JSON on the way out and in.
 */

/** No run has this id: the warm-up's read answers null and changes nothing. */
const NO_RUN_ID = "00000000-0000-0000-0000-000000000000";

/** How long the warm-up waits for the server: a slow or absent server must not hold the engine back. */
const SERVER_WARM_UP_MS = 2000;

/**
 * A three-task chain run in this process with the engine's runner, states and logs dropped: the
 * runner, task scopes and the logger get compiled. The flow is built here, not at import, so it is
 * one more flow in the process's registry only from the warm-up on, under a name no user's flow
 * file is looked up by.
 */
async function runThrowawayFlow(): Promise<void> {
  const first = task(() => [1, 2, 3], { name: "warm-up-extract" });
  const second = task((rows: number[]) => rows.map((r) => r * 2), { name: "warm-up-transform" });
  const third = task(
    (rows: number[]) => {
      context.logger.info(`${rows.length} rows`);
      return rows.length;
    },
    { name: "warm-up-load" },
  );
  const flow = new Flow("tern-engine-warm-up", () => {
    third(second(first()));
  });
  await runFlow(flow, { parameters: {}, reporter: { setTaskState: async () => {}, log: () => {} } });
}

/**
 * One read of a run that does not exist, through the same client class a run uses: the GraphQL
 * client, fetch and the HTTP stack compile, and the connection to the server is made. Never throws.
 */
async function askTheServer(api: string): Promise<void> {
  const client = new TernClient({ api });
  const read = client.request(FlowRunStateQuery, { id: NO_RUN_ID }, { retry: false }).catch(() => {});
  let timer: NodeJS.Timeout | undefined;
  await Promise.race([read, new Promise((resolve) => (timer = setTimeout(resolve, SERVER_WARM_UP_MS)))]);
  clearTimeout(timer);
}

/** Runs the warm-up; `api` (the agent's server) adds a request to it. */
export async function warmUp(api: string | undefined): Promise<void> {
  await runThrowawayFlow();
  if (api) await askTheServer(api);
  // Node's fetch loads its HTTP stack on first use; without a server, a data: URL still loads most of it.
  else await (await fetch("data:,")).text();
}
