import { TernClient } from "../client/client.ts";
import { RESTART_RETRY } from "../client/retry.ts";
import { executeFlowRun } from "./flow-run.ts";
import type { AgentMessage, DoneMessage, EngineMessage, PreloadMessage, RunMessage } from "./protocol.ts";
import { importedFlowModules, preloadFlows, storagePolicyFromEnv } from "./load-flow.ts";

/**
 * A warm engine: started ahead of time by the agent's pool (tsx, the client and the SDK already
 * loaded), it runs one flow run at a time on request over IPC and stays up for the next one.
 * Its messages are typed in ./protocol.ts: RunMessage and PreloadMessage in (handled one at a time,
 * in order); ReadyMessage, then a DoneMessage per run and a PreloadedMessage per preload, out.
 * Each run starts from the environment the process started with, whatever the last run's code set.
 * After {@link MAX_FLOW_MODULES} imported flow modules the engine retires: it exits after its run
 * (an imported module stays in memory for the life of the process), so the pool starts a fresh one.
 */
const send = (message: EngineMessage) => process.send!(message);

if (!process.send) {
  console.error("engine/worker.ts runs under the agent's warm pool (it needs an IPC channel)");
  process.exit(2);
}

const clients = new Map<string, TernClient>();

/** One client per API keeps its keep-alive connections warm across runs (and from the warm-up on). */
function clientFor(api: string): TernClient {
  let client = clients.get(api);
  // A run outlives a server restart, so its requests ride one out.
  if (!client) clients.set(api, (client = new TernClient({ api, retryPolicy: RESTART_RETRY })));
  return client;
}

/** Flow modules (file versions) a warm engine imports before it retires; `TERN_ENGINE_MAX_FLOW_MODULES` overrides. */
const MAX_FLOW_MODULES = Number(process.env.TERN_ENGINE_MAX_FLOW_MODULES) || 50;

const startingEnv = { ...process.env };

/** Puts process.env back as it was at start: keys a run added go, keys it changed or removed return. */
function restoreEnv() {
  for (const key of Object.keys(process.env)) if (!(key in startingEnv)) delete process.env[key];
  for (const [key, value] of Object.entries(startingEnv)) if (process.env[key] !== value) process.env[key] = value;
}

async function run(message: RunMessage) {
  Object.assign(process.env, message.env);
  const api = message.env.TERN_API ?? "";
  const client = clientFor(api);
  let code = 0;
  const handedLines = { lines: message.agentLines ?? [], stored: false };
  try {
    const outcome = await executeFlowRun(client, message.flowRunId, { claimed: message.claimed, agentLines: handedLines });
    if (outcome === "NotFound") code = 1;
  } catch (error) {
    process.stderr.write(`tern engine: ${error instanceof Error ? error.message : String(error)}\n`);
    code = 1;
  }
  restoreEnv();
  const retire = importedFlowModules() >= MAX_FLOW_MODULES;
  const done: DoneMessage = { type: "done", flowRunId: message.flowRunId, code, agentLinesStored: handedLines.stored, retire };
  process.send!(done, () => retire && process.exit(0));
}

/** Imports the flows' files under the environment a run would get (see PreloadMessage). */
async function preload(message: PreloadMessage) {
  Object.assign(process.env, message.env);
  let flowIds: string[] = [];
  try {
    flowIds = await preloadFlows(message.flows, storagePolicyFromEnv(message.env));
  } finally {
    restoreEnv();
  }
  send({ type: "preloaded", flowIds });
}

/** One message at a time: a run that arrives during a preload starts when the preload is over. */
let queue = Promise.resolve();
process.on("message", (message: AgentMessage) => {
  const job = message?.type === "run" ? () => run(message) : message?.type === "preload" ? () => preload(message) : undefined;
  if (!job) return;
  queue = queue.then(job).catch((error: unknown) => {
    process.stderr.write(`tern engine: ${error instanceof Error ? error.message : String(error)}\n`);
  });
});

// The parent going away (agent killed) must not leave this process behind.
process.on("disconnect", () => process.exit(0));
// Pays before "ready" what the first run would pay otherwise (see warm-up.ts): the SDK's modules a
// flow file imports (the same instances its `import "tern"` resolves to) and the code every run goes
// through. The pool passes its agent's API as the first argument; the warm-up's request opens the
// connection the first run then finds open.
const warmUpApi = process.argv[2] || undefined;
await (await import("./warm-up.ts")).warmUp(warmUpApi, warmUpApi ? clientFor(warmUpApi) : undefined);
send({ type: "ready" });
