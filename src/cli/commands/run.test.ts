import { execFile } from "node:child_process";
import { join } from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTern } from "../../testing/processes.ts";
import { startTestStack, type TestStack } from "../../testing/stack.ts";
import { graphql } from "../../core/gql/gql.ts";
import { startAnswerLosingProxy } from "../../server/testing/answer-losing-proxy.ts";

const run = promisify(execFile);
const TERN = join(import.meta.dirname, "../../../bin/tern.mjs");
const HELLO_FLOW = join(import.meta.dirname, "../../../examples/hello-flow.ts");
const ETL_FLOW = join(import.meta.dirname, "../../../examples/etl-flow.ts");

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

const RunHistory = graphql(`
  query RunCliTest_history($id: uuid!) {
    flow_run_by_pk(id: $id) {
      name
      states {
        state
        timestamp
      }
      task_runs {
        map_index
        task {
          slug
        }
        states {
          state
          timestamp
        }
      }
    }
  }
`);

/** `tern run flow --watch` against a real agent: every state, as it happened. */
describe("tern run flow --watch", { timeout: 90_000 }, () => {
  let stack: TestStack;
  beforeAll(async () => {
    stack = await startTestStack();
    await stack.register(ETL_FLOW);
  });
  afterAll(async () => stack?.close());

  it("prints every state of the run and of its task runs, in the order they happened", async () => {
    const agent = startTern(["agent", "local", "start", "--api", stack.server.graphqlUrl, "--label", "test"]);
    try {
      await agent.waitForLine(/registered/);
      const { stdout } = await run(process.execPath, [TERN, "run", "flow", "--name", "etl-flow", "--project", "tutorial", "--watch", "--api", stack.server.graphqlUrl]);
      const id = stdout.match(/Flow run created: (\S+)/)![1];
      // "<timestamp> flow run <name>: <State> (message)" and "<timestamp> task <slug>[index]: <State>", minus each task's Pending from
      // the run's creation (they share one timestamp).
      const printed = stdout
        .split("\n")
        .map((line) => /^\S+ (flow run \S+|task \S+): (\w+)/.exec(line))
        .filter((m): m is RegExpExecArray => !!m && m[2] !== "Pending")
        .map((m) => `${m[1].replace(/^flow run .*/, "flow")} ${m[2]}`);

      const history = (await stack.client.request(RunHistory, { id })).flow_run_by_pk!;
      const happened = [
        ...history.states.map((s) => ({ at: s.timestamp as string, what: `flow ${s.state}` })),
        ...history.task_runs.flatMap((tr) =>
          tr.states.map((s) => ({ at: s.timestamp as string, what: `task ${tr.task!.slug}${tr.map_index >= 0 ? `[${tr.map_index}]` : ""} ${s.state}` })),
        ),
      ]
        .filter((s) => !s.what.endsWith(" Pending"))
        .sort((a, b) => (a.at < b.at ? -1 : 1))
        .map((s) => s.what);
      expect(printed).toEqual(happened);

      const flowStates = printed.filter((s) => s.startsWith("flow "));
      expect(flowStates).toEqual(["flow Scheduled", "flow Submitted", "flow Running", "flow Success"]);
      expect(printed.filter((s) => s.startsWith("task extract-1 "))).toEqual(["task extract-1 Running", "task extract-1 Retrying", "task extract-1 Running", "task extract-1 Success"]);
      for (const task of ["transform-1", "transform-2", "transform-3", "load-1"]) {
        expect(printed.filter((s) => s.startsWith(`task ${task} `))).toEqual([`task ${task} Running`, `task ${task} Success`]);
        expect(printed.indexOf(`task ${task} Running`)).toBeGreaterThan(printed.lastIndexOf("task extract-1 Success"));
      }
      for (const part of [1, 2, 3]) expect(printed.indexOf("task load-1 Running")).toBeGreaterThan(printed.indexOf(`task transform-${part} Success`));
      expect(printed.indexOf("task extract-1 Running")).toBeGreaterThan(printed.indexOf("flow Running"));
      expect(printed.at(-1)).toBe("flow Success");
    } finally {
      process.kill(-agent.pid, "SIGINT");
      await agent.exited;
    }
  });
});
