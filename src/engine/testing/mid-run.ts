import { runHistory } from "../../testing/run-history.ts";
import type { TestStack } from "../../testing/stack.ts";
import { TernClient } from "../../client/client.ts";
import { RESTART_RETRY } from "../../client/retry.ts";
import { executeFlowRun } from "../flow-run.ts";

/** The numbers of a run's "line N" log lines, in stored order. */
export const lineNumbers = (logs: { message?: string | null }[]) => logs.filter((l) => l.message?.startsWith("line ")).map((l) => Number(l.message!.slice("line ".length)));

/** Starts the engine on a new run and resolves once it has stored at least 10 lines (the run is mid-way). */
export async function startRunMidWay(stack: TestStack, flowId: string) {
  const runId = await stack.createRun(flowId);
  const engine = new TernClient({ api: stack.server.graphqlUrl, retryPolicy: RESTART_RETRY });
  const finished = executeFlowRun(engine, runId);
  let over = false;
  finished.then(() => (over = true), () => (over = true));
  let storedSoFar = 0;
  // Stops early if the engine already finished (the test's checks then say what went wrong).
  while (storedSoFar < 10 && !over) {
    await new Promise((r) => setTimeout(r, 20));
    storedSoFar = lineNumbers((await runHistory(stack.client, runId)).logs).length;
  }
  return { runId, finished, storedSoFar };
}

