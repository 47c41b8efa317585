import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { TernClient } from "../client/client.ts";
import { must } from "../client/must.ts";
import { graphql } from "../core/gql/gql.ts";
import { startTestStack, type TestStack } from "../testing/stack.ts";
import { LocalAgent } from "./agent.ts";
import { WarmPoolLauncher } from "./warm-pool.ts";

/** The mapped example through a real server, agent and engine process, as the dashboard runs it. */

const MAPPED_EXAMPLE = join(import.meta.dirname, "../../examples/mapped-flow.ts");

const MappedTaskRuns = graphql(`
  query AgentMappedTest_taskRuns($id: uuid!) {
    task_run(where: { flow_run_id: { _eq: $id } }, order_by: [{ map_index: asc }]) {
      map_index
      state
      state_message
      task {
        slug
      }
      logs {
        message
      }
    }
  }
`);

describe("examples/mapped-flow.ts run by an agent", () => {
  let stack: TestStack;
  let agent: LocalAgent;
  const output: string[] = [];

  beforeAll(async () => {
    stack = await startTestStack();
    agent = new LocalAgent(new TernClient({ api: stack.server.graphqlUrl }), new WarmPoolLauncher({ size: 1 }), {
      labels: ["test"],
      print: (line) => output.push(line),
      pollMs: 500,
      engineEnv: { TERN_RESULTS_DIR: join(stack.home, "results") },
    });
    await agent.start();
  }, 60_000);
  afterAll(async () => {
    await agent?.stop();
    await stack?.close();
  });

  it("ends Success: process and publish Mapped with a child per file (map_index 0…11), each with its own log line", async () => {
    const { flowId } = await stack.register(MAPPED_EXAMPLE);
    const id = await stack.createRun(flowId);
    expect((await stack.waitForFinish(id, 60_000)).state, output.join("\n")).toBe("Success");

    const runs = must((await stack.client.request(MappedTaskRuns, { id })).task_run, "task runs");
    const of = (slug: string) => runs.filter((r) => r.task?.slug === slug);
    expect(of("process-1").find((r) => r.map_index === -1)).toMatchObject({ state: "Mapped", state_message: "Mapped 12 children." });
    const children = of("process-1").filter((r) => r.map_index >= 0);
    expect(children.map((c) => c.map_index)).toEqual([...Array(12).keys()]);
    expect(children.every((c) => c.state === "Success")).toBe(true);
    expect(children[3].logs.map((l) => l.message)).toEqual([expect.stringMatching(/^Parsed invoices\/2026-04\.csv: \d+ lines \(child 3\)$/)]);
    expect(of("publish-1").filter((r) => r.map_index >= 0 && r.state === "Success")).toHaveLength(12);
    expect(of("summarize-1")[0].logs.map((l) => l.message)).toEqual([expect.stringMatching(/^12 files, \d+ lines in all$/)]);
  }, 90_000);
});
