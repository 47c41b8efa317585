import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestStack, type TestStack } from "../testing/stack.ts";
import { TernClient } from "../client/client.ts";
import { executeFlowRun } from "./flow-run.ts";

const FLOW = join(import.meta.dirname, "testing/unstorable-text-flow.ts");

/**
 * The server refuses text it cannot store as sent (a lone surrogate, NUL), and with it the whole
 * write. A task's own output must not make its run lose lines or states: the engine sends such
 * characters as U+FFFD.
 */
describe("engine: task output that cannot be stored as sent", () => {
  let stack: TestStack;
  beforeAll(async () => {
    stack = await startTestStack();
  });
  afterAll(() => stack?.close());

  it("a line and an error message cut inside an emoji are stored with U+FFFD, and the run ends as it should", async () => {
    const { flowId } = await stack.register(FLOW);
    const runId = await stack.createRun(flowId);
    expect(await executeFlowRun(new TernClient({ api: stack.server.graphqlUrl }), runId, {})).toBe("Failed");
    const response = await fetch(stack.server.graphqlUrl, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({
        query: `query($id: uuid!) { flow_run_by_pk(id: $id) { state task_runs { state states(order_by: { version: asc }) { state message } } logs(order_by: { timestamp: asc }) { message } } }`,
        variables: { id: runId },
      }),
    });
    const run = (await response.json()).data.flow_run_by_pk;
    expect(run.state).toBe("Failed");
    expect(run.logs.map((l: { message: string }) => l.message)).toEqual(expect.arrayContaining(["cut \uFFFD", "the line after"]));
    const failed = run.task_runs[0].states.at(-1);
    expect(failed.state).toBe("Failed");
    expect(failed.message).toContain("failed at \uFFFD");
  });
});
