import { TernClient } from "../client/client.ts";
import { RESTART_RETRY } from "../client/retry.ts";
import { executeFlowRun } from "./flow-run.ts";
import type { EngineMessage, RunMessage } from "./protocol.ts";

/**
 * A warm engine: started ahead of time by the agent's pool (tsx, the client and the SDK already
 * loaded), it runs one flow run at a time on request over IPC and stays up for the next one.
 * Its messages are typed in ./protocol.ts: a RunMessage in; ReadyMessage, then a DoneMessage per run, out.
 */
const send = (message: EngineMessage) => process.send!(message);

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
  send({ type: "done", flowRunId: message.flowRunId, code, agentLinesStored: handedLines.stored });
});

// The parent going away (agent killed) must not leave this process behind.
process.on("disconnect", () => process.exit(0));
send({ type: "ready" });
