import { mkdtempSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { TernClient } from "../client/client.ts";
import { testDialects } from "../server/db/testing.ts";
import { LocalResultStore } from "../sdk/results.ts";
import { runHistory } from "../testing/run-history.ts";
import { startTestStack, type TestStack } from "../testing/stack.ts";
import { executeFlowRun } from "./flow-run.ts";

/**
 * Task caching through a real server: two runs of one flow on one machine, the cached task runs in
 * the first (Success) and not in the second (Cached), whose downstream task gets the kept result.
 */

const CACHED_FLOW = join(import.meta.dirname, "testing/cached-flow.ts");

describe.each(testDialects())("task caching across flow runs (%s)", (dialect) => {
  let stack: TestStack;
  let flowId: string;
  let results: LocalResultStore;
  beforeAll(async () => {
    stack = await startTestStack({ dialect });
    flowId = (await stack.register(CACHED_FLOW)).flowId;
    results = new LocalResultStore({ dir: join(stack.home, "results") });
  }, 60_000);
  afterAll(() => stack?.close());

  /** Runs the flow once with the engine in this process, as an agent's engine process would. */
  async function run(dir: string) {
    const id = await stack.createRun(flowId, { dir });
    const outcome = await executeFlowRun(new TernClient({ api: stack.server.graphqlUrl }), id, { results });
    const history = await runHistory(stack.client, id);
    return { id, outcome, history, taskStates: history.task_runs.map((t) => t.states.map((s) => s.state).join(" ")).sort() };
  }

  it("the first run runs the cached task (Success), the second reports it Cached and feeds its result downstream", async () => {
    const dir = mkdtempSync(join(stack.home, "run-"));
    const first = await run(dir);
    expect(first.outcome).toBe("Success");
    expect(first.taskStates).toEqual(["Pending Running Success", "Pending Running Success", "Pending Success"]);

    const second = await run(dir);
    expect(second.outcome).toBe("Success");
    expect(second.history.state).toBe("Success");
    // The parameter, the cached task (no Running: it never started) and the task after it.
    expect(second.taskStates).toEqual(["Pending Cached", "Pending Running Success", "Pending Success"]);
    expect(second.history.logs.map((l) => l.message)).toContain("Counted 3 rows");
    expect(readFileSync(join(dir, "fetched.txt"), "utf8").split("\n").filter(Boolean)).toEqual([first.id]);

    // Other inputs are other work: a run for another folder runs the task.
    const elsewhere = mkdtempSync(join(stack.home, "run-"));
    expect((await run(elsewhere)).taskStates).toContain("Pending Running Success");
    expect(readFileSync(join(elsewhere, "fetched.txt"), "utf8").split("\n").filter(Boolean)).toHaveLength(1);
  }, 60_000);
});
