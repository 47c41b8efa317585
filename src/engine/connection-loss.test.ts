import { join } from "node:path";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runHistory } from "../testing/run-history.ts";
import { startTestStack, type TestStack } from "../testing/stack.ts";
import { testDialects } from "../server/db/testing.ts";
import { lineNumbers, startRunMidWay } from "./testing/mid-run.ts";
import { LINES } from "./testing/two-hundred-lines-flow.ts";

/**
 * The server's PostgreSQL connections (pool and LISTEN) are terminated while an engine writes its
 * run's log lines (a failover, a restart): the server stays up, and every line is stored once.
 */

const FLOW_FILE = join(import.meta.dirname, "testing/two-hundred-lines-flow.ts");

describe.runIf(testDialects().includes("postgres"))("an engine writing while the server's PostgreSQL connections are terminated", () => {
  let stack: TestStack;
  let flowId: string;
  beforeAll(async () => {
    stack = await startTestStack({ dialect: "postgres" });
    flowId = (await stack.register(FLOW_FILE)).flowId;
  });
  afterAll(() => stack?.close());

  it(`stores all ${LINES} lines exactly once and ends Success`, async () => {
    const { runId, finished, storedSoFar } = await startRunMidWay(stack, flowId);
    const admin = new pg.Client({ connectionString: stack.server.deps.config.databaseUrl });
    await admin.connect();
    const killed = await admin
      .query("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid()")
      .finally(() => admin.end());
    const outcome = await finished;

    const run = await runHistory(stack.client, runId);
    expect(killed.rowCount).toBeGreaterThan(0);
    expect(storedSoFar).toBeLessThan(LINES);
    expect(outcome).toBe("Success");
    expect(run.state).toBe("Success");
    expect(lineNumbers(run.logs).sort((a, b) => a - b)).toEqual(Array.from({ length: LINES }, (_, i) => i + 1));
  }, 60_000);
});
