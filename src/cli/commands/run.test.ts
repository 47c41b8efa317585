import { execFile } from "node:child_process";
import { join } from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestStack, type TestStack } from "../../agent/testing/stack.ts";
import { startAnswerLosingProxy } from "../../server/testing/answer-losing-proxy.ts";

const run = promisify(execFile);
const TERN = join(import.meta.dirname, "../../../bin/tern.mjs");
const HELLO_FLOW = join(import.meta.dirname, "../../../examples/hello-flow.ts");

/** `tern run flow` whose create_flow_run answer never arrives: its retry must not start a second run. */
describe("tern run flow, answer lost", () => {
  let stack: TestStack;
  let flowId: string;
  beforeAll(async () => {
    stack = await startTestStack();
    flowId = (await stack.register(HELLO_FLOW)).flowId;
  });
  afterAll(async () => stack?.close());

  it("retries under the same idempotency key: one run, and the command prints that run", async () => {
    const proxy = await startAnswerLosingProxy(stack.server.graphqlUrl, [{ operation: "create_flow_run" }]);
    try {
      const { stdout } = await run(process.execPath, [TERN, "run", "flow", "--name", "hello-flow", "--project", "tutorial", "--api", proxy.url]);
      expect(proxy.lost).toHaveLength(1);
      expect(proxy.count("create_flow_run")).toBe(2);
      const created = JSON.parse(proxy.lost[0].answer).data.create_flow_run.id as string;
      const response = await fetch(stack.server.graphqlUrl, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ query: "query($id: uuid!) { flow_run(where: { flow_id: { _eq: $id } }) { id } }", variables: { id: flowId } }),
      });
      expect(((await response.json()) as { data: unknown }).data).toEqual({ flow_run: [{ id: created }] });
      expect(stdout).toContain(created);
    } finally {
      await proxy.close();
    }
  });
});
