import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { startTestStack, type TestStack } from "../testing/stack.ts";
import { startAnswerLosingProxy } from "../server/testing/answer-losing-proxy.ts";
import { Flow } from "./flow.ts";
import { task } from "./task.ts";

/** `flow.register()` whose create_flow answer never arrives: the retry finds the flow the first delivery made. */
describe("register, answer lost", () => {
  let stack: TestStack;
  beforeAll(async () => {
    stack = await startTestStack();
  });
  afterAll(async () => stack?.close());

  it("retries under the flow's key: one flow stored, and its id is the one printed", async () => {
    const say = task(() => "hi", { name: "say" });
    const flow = new Flow("lost-answer-register", () => {
      say();
    });
    const proxy = await startAnswerLosingProxy(stack.server.graphqlUrl, [{ operation: "create_flow" }]);
    const print = vi.spyOn(console, "log").mockImplementation(() => {});
    try {
      const id = await flow.register({ projectName: "tutorial", api: proxy.url });
      expect(proxy.lost).toHaveLength(1);
      expect(proxy.count("create_flow")).toBe(2);
      expect(JSON.parse(proxy.lost[0].answer).data.create_flow.id).toBe(id);
      expect(print).toHaveBeenCalledWith(` └── ID: ${id}`);
      const response = await fetch(stack.server.graphqlUrl, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ query: '{ flow(where: { name: { _eq: "lost-answer-register" } }) { id } }' }),
      });
      expect(((await response.json()) as { data: unknown }).data).toEqual({ flow: [{ id }] });
    } finally {
      print.mockRestore();
      await proxy.close();
    }
  });
});
