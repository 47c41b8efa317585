import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runHistory } from "../testing/run-history.ts";
import { startTestStack, type TestStack } from "../testing/stack.ts";
import { TernClient } from "../client/client.ts";
import { context } from "../sdk/context.ts";
import { inFlowRun } from "../sdk/shared-state.ts";
import { executeFlowRun } from "./flow-run.ts";

const FLOW = join(import.meta.dirname, "testing/flow-run-mark-flow.ts");

/**
 * The engine tells the SDK it runs a flow run (so the flow file's `flow.register()` does nothing)
 * through the SDK's shared state only, and only while the run runs: a warm engine's process is
 * back to normal between runs, and no environment variable leaks the mark into a task's children.
 */
describe("engine: inside a flow run", () => {
  let stack: TestStack;
  beforeAll(async () => {
    stack = await startTestStack();
  });
  afterAll(() => stack?.close());

  it("is known to the SDK while the run runs, not through the environment, and not after", async () => {
    const { flowId } = await stack.register(FLOW);
    const runId = await stack.createRun(flowId);
    expect(await executeFlowRun(new TernClient({ api: stack.server.graphqlUrl }), runId, {})).toBe("Success");
    const { logs } = await runHistory(stack.client, runId);
    expect(logs.map((l) => l.message)).toContain("in a flow run: true; TERN_FLOW_RUN_ID: unset");
    expect(inFlowRun()).toBe(false);
    expect(context.flowRunId).toBeUndefined();
  });
});
