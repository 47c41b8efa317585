import { TernClient } from "../client/client.ts";
import { RESTART_RETRY } from "../client/retry.ts";
import type { Engine_RunFragment } from "../core/gql/graphql.ts";
import { executeFlowRun } from "./flow-run.ts";
import type { RunLog } from "./log-shipper.ts";

/**
 * A warm engine: started ahead of time by the agent's pool (tsx, the client and the SDK already
 * loaded), it runs one flow run at a time on request over IPC and stays up for the next one.
 * Messages in: `{ type: "run", flowRunId, env, claimed?, agentLines? }` (`claimed`: the run as the agent's claim returned it; `agentLines`: the agent's lines about the run). Out: `{ type: "ready" }`, `{ type: "done", flowRunId, code, agentLinesStored }`.
 */
interface RunMessage {
  type: "run";
  flowRunId: string;
  env: Record<string, string>;
  claimed?: Engine_RunFragment;
  /** The agent's lines about this run, stored with the run's first write. */
  agentLines?: RunLog[];
}

if (!process.send) {
  console.error("engine/worker.ts runs under the agent's warm pool (it needs an IPC channel)");
  process.exit(2);
}

const clients = new Map<string, TernClient>();

process.on("message", async (message: RunMessage) => {
  if (message?.type !== "run") return;
  Object.assign(process.env, message.env);
  const api = message.env.TERN_API ?? "";
  // One client per API keeps its keep-alive connections warm across runs. A run outlives a server
  // restart, so its requests ride one out.
  let client = clients.get(api);
  if (!client) clients.set(api, (client = new TernClient({ api, retryPolicy: RESTART_RETRY })));
  let code = 0;
  const handedLines = { lines: message.agentLines ?? [], stored: false };
  try {
    const outcome = await executeFlowRun(client, message.flowRunId, { claimed: message.claimed, agentLines: handedLines });
    if (outcome === "NotFound") code = 1;
  } catch (error) {
    process.stderr.write(`tern engine: ${error instanceof Error ? error.message : String(error)}\n`);
    code = 1;
  }
  delete process.env.TERN_FLOW_RUN_ID;
  (globalThis as Record<symbol, unknown>)[Symbol.for("tern.engine.flowRunId")] = undefined;
  process.send!({ type: "done", flowRunId: message.flowRunId, code, agentLinesStored: handedLines.stored });
});

// The parent going away (agent killed) must not leave this process behind.
process.on("disconnect", () => process.exit(0));
await warmUp();
process.send({ type: "ready" });

/**
 * Pays before "ready" what the first run would pay otherwise: the SDK's modules a flow file imports
 * (the same instances its `import "tern"` resolves to), and Node's fetch, whose HTTP stack loads on
 * first use. Without this a worker's first run took 200+ ms longer, long enough that its first log
 * batch went out as a request of its own.
 */
async function warmUp() {
  await import("../sdk/tern.ts");
  await (await fetch("data:,")).text();
}
