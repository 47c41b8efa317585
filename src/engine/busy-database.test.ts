import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runHistory } from "../agent/testing/run-history.ts";
import { startTestStack, type TestStack } from "../agent/testing/stack.ts";
import { TernClient } from "../client/client.ts";
import { RESTART_RETRY } from "../client/retry.ts";
import { holdSqliteWriteLock } from "../server/db/write-lock-holder.ts";
import { executeFlowRun } from "./flow-run.ts";
import { LINES } from "./testing/two-hundred-lines-flow.ts";

/**
 * Issue "A busy database loses data silently": another process holds the SQLite write lock for
 * seconds while an engine writes its run's log lines. The server waits and retries, the engine
 * re-sends what the server could not take yet, and every line is stored once: no run may end
 * Success with lines missing.
 */

const FLOW_FILE = join(import.meta.dirname, "testing/two-hundred-lines-flow.ts");
const HOLD_MS = 4000;

describe("an engine writing while another process holds the SQLite write lock", () => {
  let stack: TestStack;
  let flowId: string;
  beforeAll(async () => {
    stack = await startTestStack();
    flowId = (await stack.register(FLOW_FILE)).flowId;
  });
  afterAll(() => stack?.close());

  it(`stores all ${LINES} lines exactly once and ends Success`, async () => {
    const runId = await stack.createRun(flowId);
    const engine = new TernClient({ api: stack.server.graphqlUrl, retryPolicy: RESTART_RETRY });
    const finished = executeFlowRun(engine, runId).finally(() => (process.env.TERN_FLOW_RUN_ID = ""));
    // Lock the file once the run is visibly writing, so the lock lands mid-run.
    let storedAtLock = 0;
    while (storedAtLock < 10) {
      await new Promise((r) => setTimeout(r, 20));
      storedAtLock = (await runHistory(stack.client, runId)).logs.filter((l) => l.message?.startsWith("line ")).length;
    }
    const lock = await holdSqliteWriteLock(join(stack.home, "tern.db"), { holdMs: HOLD_MS });
    const outcome = await finished;
    await lock.released;

    const run = await runHistory(stack.client, runId);
    const numbers = run.logs.filter((l) => l.message?.startsWith("line ")).map((l) => Number(l.message!.slice("line ".length)));
    expect(storedAtLock).toBeLessThan(LINES);
    expect(outcome).toBe("Success");
    expect(run.state).toBe("Success");
    expect(numbers.sort((a, b) => a - b)).toEqual(Array.from({ length: LINES }, (_, i) => i + 1));
  }, 60_000);
});
