import { randomUUID } from "node:crypto";
import { fileURLToPath } from "node:url";
import { TernClient } from "../client/client.ts";
import { runFlow } from "../sdk/runner.ts";
import { FlowRunStateQuery, WriteRunBatch } from "./documents.ts";
import { loadFlow, type StoredStorage } from "./load-flow.ts";

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

/** A user's flow files are found the same way: local storage, by path and name. */
const WARM_UP_FLOW: StoredStorage = { type: "Local", path: fileURLToPath(new URL("./warm-up-flow.ts", import.meta.url)) };
const WARM_UP_FLOW_NAME = "tern-engine-warm-up";

/**
 * A three-task chain run in this process with the engine's runner, states and logs dropped: the
 * runner, task scopes and the logger get compiled. Its file is imported through loadFlow, as a run
 * imports a user's flow file (the loader's path for a new file, `import … from "tern"`), under a
 * name no user's flow file is looked up by.
 */
async function runThrowawayFlow(): Promise<void> {
  // Not counted toward the flow modules after which a warm engine retires: those are its users'.
  const flow = await loadFlow(WARM_UP_FLOW, WARM_UP_FLOW_NAME, null, false);
  await runFlow(flow, { parameters: {}, reporter: { setTaskState: async () => {}, log: () => {} } });
}

/**
 * A run's first write as it is sent (its Running state, version-checked, with its first task's),
 * for a run that does not exist: the server refuses it (NOT_FOUND) and stores nothing. Its first
 * write of this document otherwise cost a run ~20 ms more than later ones (parsing and validating
 * the document, the mutation's first execution, the client's first mutation).
 */
const refusedWrite = () => ({
  input: {
    logs: [],
    flow_run_states: [{ flow_run_id: NO_RUN_ID, version: 0, state: { type: "Running", message: "Running flow." }, idempotency_key: randomUUID() }],
    task_run_states: [{ task_run_id: NO_RUN_ID, version: 0, state: { type: "Running" }, idempotency_key: randomUUID() }],
  },
});

/**
 * One read of a run that does not exist and one write to it, through the same client class and
 * documents a run uses: the GraphQL client and its node:http transport compile, the connection to
 * the server is made, and the server has met both documents. Never throws.
 */
async function askTheServer(client: TernClient): Promise<void> {
  const asked = (async () => {
    await client.request(FlowRunStateQuery, { id: NO_RUN_ID }, { retry: false }).catch(() => {});
    await client.request(WriteRunBatch, refusedWrite(), { retry: false }).catch(() => {});
  })();
  let timer: NodeJS.Timeout | undefined;
  await Promise.race([asked, new Promise((resolve) => (timer = setTimeout(resolve, SERVER_WARM_UP_MS)))]);
  clearTimeout(timer);
}

/**
 * Runs the warm-up; `api` (the agent's server) adds a request to it, made with `client` when given:
 * the client later runs use, whose connection to the server is then open already.
 */
export async function warmUp(api: string | undefined, client = api ? new TernClient({ api }) : undefined): Promise<void> {
  await runThrowawayFlow();
  if (client) await askTheServer(client);
  // Queries and mutations go over node:http (warmed above), but a run's cancel watch is a live query
  // over fetch, which loads its HTTP stack on first use: a data: URL loads most of it, server or not.
  await (await fetch("data:,")).text();
}
