import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { graphql } from "../core/gql/gql.ts";
import { startTestStack, type TestStack } from "../testing/stack.ts";
import { Flow } from "./flow.ts";
import { Parameter } from "./parameter.ts";
import { enterFlowRun } from "./shared-state.ts";
import { task } from "./task.ts";

const FlowRow = graphql(`
  query RegisterTest_flow($id: uuid!) {
    flow_by_pk(id: $id) {
      id
      name
      version
      flow_group_id
      archived
      storage
      run_config
      tasks(order_by: { slug: asc }) {
        slug
        max_retries
      }
      edges {
        key
      }
    }
  }
`);

describe("flow.register() against a real server", () => {
  let stack: TestStack;
  let printed: string[];
  beforeAll(async () => {
    stack = await startTestStack();
  });
  afterAll(async () => stack?.close());

  const register = async (flow: Flow, projectName = "tutorial") => {
    printed = [];
    const spy = vi.spyOn(console, "log").mockImplementation((line: string) => void printed.push(line));
    try {
      return await flow.register({ projectName, api: stack.server.graphqlUrl, labels: ["box"] });
    } finally {
      spy.mockRestore();
    }
  };
  const row = async (id: string) => (await stack.client.request(FlowRow, { id })).flow_by_pk!;
  const extract = task(() => [1], { name: "extract", maxRetries: 2 });
  const load = task((rows: number[]) => rows.length, { name: "load" });

  it("sends tasks, edges and storage, and prints the Flow URL, ID, project and labels", async () => {
    const flow = new Flow("register-me", () => load(extract()));
    const id = (await register(flow))!;
    const stored = await row(id);
    expect(stored).toMatchObject({ name: "register-me", version: 1, archived: false, storage: { type: "Local", path: import.meta.filename }, run_config: { labels: ["box"] } });
    expect(stored.tasks).toEqual([{ slug: "extract-1", max_retries: 2 }, { slug: "load-1", max_retries: 0 }]);
    expect(stored.edges).toEqual([{ key: "rows" }]);
    expect(printed).toEqual([
      "Flow check: OK",
      `Flow URL: ${stack.server.url}/flow/${stored.flow_group_id}`,
      ` └── ID: ${id}`,
      " └── Project: tutorial",
      " └── Labels: ['box']",
    ]);
  });

  it("makes no new version for an unchanged flow, and version 2 in the same group for a changed one", async () => {
    const build = (withParam: boolean) =>
      new Flow("versioned", () => {
        load(extract());
        if (withParam) Parameter("n", { default: 1 });
      });
    const first = (await register(build(false)))!;
    expect(await register(build(false))).toBe(first);
    const second = (await register(build(true)))!;
    expect(second).not.toBe(first);
    const [a, b] = [await row(first), await row(second)];
    expect(b.version).toBe(2);
    expect(b.flow_group_id).toBe(a.flow_group_id);
    expect(a.archived).toBe(true);
  });

  it("names the missing project and how to create it", async () => {
    const flow = new Flow("orphan-project", () => extract());
    await expect(register(flow, "nope")).rejects.toThrow('Project "nope" not found. Create it with: tern create project "nope"');
  });

  it("refuses an invalid flow before contacting the server", async () => {
    const orphan = extract();
    const flow = new Flow("invalid", () => load(orphan));
    await expect(flow.register({ projectName: "tutorial", api: "http://127.0.0.1:9/graphql" })).rejects.toThrow(/Flow "invalid" is not valid/);
  });

  it("does nothing inside a flow-run process", async () => {
    const leave = enterFlowRun("some-run");
    try {
      expect(await new Flow("in-engine", () => extract()).register({ projectName: "tutorial", api: "http://127.0.0.1:9/graphql" })).toBeUndefined();
    } finally {
      leave();
    }
  });
});
