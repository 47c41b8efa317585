import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runHistory } from "../testing/run-history.ts";
import { startTestStack, type TestStack } from "../testing/stack.ts";
import { holdSqliteWriteLock } from "../server/db/write-lock-holder.ts";
import { lineNumbers, startRunMidWay } from "./testing/mid-run.ts";
import { LINES } from "./testing/two-hundred-lines-flow.ts";

/**
 * Issue "A busy database loses data silently": another process holds the SQLite write lock for
 * seconds while an engine writes its run's log lines. The server waits and retries, the engine
 * re-sends what the server could not take yet, and every line is stored once: no run may end
 * Success with lines missing. (On PostgreSQL: connection-loss.test.ts.)
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
    const { runId, finished, storedSoFar } = await startRunMidWay(stack, flowId);
    const lock = await holdSqliteWriteLock(join(stack.home, "tern.db"), { holdMs: HOLD_MS });
    const outcome = await finished;
    await lock.released;

    const run = await runHistory(stack.client, runId);
    expect(storedSoFar).toBeLessThan(LINES);
    expect(outcome).toBe("Success");
    expect(run.state).toBe("Success");
    expect(lineNumbers(run.logs).sort((a, b) => a - b)).toEqual(Array.from({ length: LINES }, (_, i) => i + 1));
  }, 60_000);
});
