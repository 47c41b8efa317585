import { existsSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { TernClient } from "../client/client.ts";
import { must } from "../client/must.ts";
import { graphql } from "../core/gql/gql.ts";
import { testDialects } from "../server/db/testing.ts";
import { LocalResultStore } from "../sdk/results.ts";
import { startTestStack, type TestStack } from "../testing/stack.ts";
import { executeFlowRun } from "./flow-run.ts";

/**
 * Mapping through a real server: the engine makes a mapped task's children (map_index 0…n-1) in one
 * call, sets the parent Mapped, and reports each child's states, logs and result under its own task
 * run id; a failed child fails the run, and a restart from failed runs only the failed children.
 */

const MAPPED_FLOW = join(import.meta.dirname, "testing/mapped-flow.ts");
const BIG_MAP_FLOW = join(import.meta.dirname, "testing/big-map-flow.ts");
const SLOW_MAP_FLOW = join(import.meta.dirname, "testing/slow-map-flow.ts");

const MappedRun = graphql(`
  query MappedRunTest_run($id: uuid!) {
    flow_run_by_pk(id: $id) {
      id
      version
      state
      task_runs(where: { map_index: { _eq: -1 } }) {
        id
        state
        state_message
        serialized_state
        task {
          id
          slug
        }
      }
    }
  }
`);

const Children = graphql(`
  query MappedRunTest_children($id: uuid!, $taskId: uuid!) {
    task_run(where: { flow_run_id: { _eq: $id }, task_id: { _eq: $taskId }, map_index: { _gte: 0 } }, order_by: { map_index: asc }) {
      id
      map_index
      state
      serialized_state
      states(order_by: { version: asc }) {
        state
      }
      logs {
        message
      }
    }
  }
`);

const ChildCount = graphql(`
  query MappedRunTest_childCount($id: uuid!, $state: String!) {
    task_run_aggregate(where: { flow_run_id: { _eq: $id }, map_index: { _gte: 0 }, state: { _eq: $state } }) {
      aggregate {
        count
      }
    }
  }
`);

const Cancel = graphql(`
  mutation MappedRunTest_cancel($input: cancel_flow_run_input!) {
    cancel_flow_run(input: $input) {
      state
    }
  }
`);

const SetTaskRunStates = graphql(`
  mutation MappedRunTest_setTaskRunStates($input: set_task_run_states_input!) {
    set_task_run_states(input: $input) {
      states {
        id
      }
    }
  }
`);

const Restart = graphql(`
  mutation MappedRunTest_restart($input: set_flow_run_states_input!) {
    set_flow_run_states(input: $input) {
      states {
        id
      }
    }
  }
`);

describe.each(testDialects())("mapped flow runs (%s)", (dialect) => {
  let stack: TestStack;
  let flowId: string;
  let bigFlowId: string;
  let slowFlowId: string;
  let results: LocalResultStore;

  beforeAll(async () => {
    stack = await startTestStack({ dialect });
    flowId = (await stack.register(MAPPED_FLOW)).flowId;
    bigFlowId = (await stack.register(BIG_MAP_FLOW)).flowId;
    slowFlowId = (await stack.register(SLOW_MAP_FLOW)).flowId;
    results = new LocalResultStore({ dir: join(stack.home, "results") });
  }, 60_000);
  afterAll(() => stack?.close());

  const engine = (runId: string, watchAfterMs = 60_000) =>
    executeFlowRun(new TernClient({ api: stack.server.graphqlUrl }), runId, { results, cancelWatchAfterMs: watchAfterMs, cancelPollMs: 100 });
  const childCount = async (id: string, state: string) => (await stack.client.request(ChildCount, { id, state })).task_run_aggregate.aggregate?.count ?? 0;
  const details = async (id: string) => must((await stack.client.request(MappedRun, { id })).flow_run_by_pk, `flow run ${id}`);
  const parent = (run: Awaited<ReturnType<typeof details>>, slug: string) => must(run.task_runs.find((t) => t.task?.slug === slug), slug);
  const children = async (id: string, taskId: string) => (await stack.client.request(Children, { id, taskId })).task_run;
  const ran = (dir: string) => readFileSync(join(dir, "ran.txt"), "utf8").split("\n").filter(Boolean).map(Number);

  it("runs one child per item under a Mapped parent, each with its own states, logs and result; the run ends Success", async () => {
    const dir = mkdtempSync(join(stack.home, "run-"));
    const id = await stack.createRun(flowId, { dir, items: [1, 2, 3, 4, 5] });
    expect(await engine(id)).toBe("Success");

    const run = await details(id);
    expect(run.state).toBe("Success");
    const square = parent(run, "square-1");
    expect(square).toMatchObject({ state: "Mapped", state_message: "Mapped 5 children." });
    expect(square.serialized_state.n_map_states).toBe(5);
    const kids = await children(id, must(square.task?.id, "task id"));
    expect(kids.map((k) => k.map_index)).toEqual([0, 1, 2, 3, 4]);
    for (const [i, kid] of kids.entries()) {
      expect(kid.states.map((s) => s.state)).toEqual(["Pending", "Running", "Success"]);
      expect(kid.logs.map((l) => l.message)).toEqual([`square of ${i + 1} (child ${i})`]);
      expect(await results.load(kid.serialized_state._result)).toBe((i + 1) ** 2);
    }
    expect(parent(run, "total-1").state).toBe("Success");
    expect(await results.load(parent(run, "total-1").serialized_state._result)).toBe(55);
  });

  it("fails the run when a child fails; a restart from failed runs only the failed child and ends Success", async () => {
    const dir = mkdtempSync(join(stack.home, "run-"));
    const id = await stack.createRun(flowId, { dir, items: [1, 2, 3, 4], fail_on: 3 });
    expect(await engine(id)).toBe("Failed");

    const first = await details(id);
    const square = parent(first, "square-1");
    const taskId = must(square.task?.id, "task id");
    expect(square.state).toBe("Mapped");
    expect((await children(id, taskId)).map((k) => k.state)).toEqual(["Success", "Success", "Failed", "Success"]);
    expect(parent(first, "total-1").state).toBe("TriggerFailed");
    expect(ran(dir).sort()).toEqual([1, 2, 3, 4]);

    writeFileSync(join(dir, "ready"), "");
    await stack.client.request(Restart, {
      input: { states: [{ flow_run_id: id, version: first.version, state: { type: "Scheduled", message: "Restarted from failed.", start_time: new Date().toISOString() } }] },
    });
    expect(await engine(id)).toBe("Success");

    expect(ran(dir).sort()).toEqual([1, 2, 3, 3, 4]);
    const kids = await children(id, taskId);
    expect(kids.map((k) => k.states.map((s) => s.state))).toEqual([
      ["Pending", "Running", "Success"],
      ["Pending", "Running", "Success"],
      ["Pending", "Running", "Failed", "Pending", "Running", "Success"],
      ["Pending", "Running", "Success"],
    ]);
    const again = await details(id);
    expect(parent(again, "total-1").state).toBe("Success");
    expect(await results.load(parent(again, "total-1").serialized_state._result)).toBe(30);
    expect(existsSync(join(dir, "ready"))).toBe(true);
  });

  it("restarts from failed when the parent and the failed child were set back to Pending (as the dashboard may): only that child runs", async () => {
    const dir = mkdtempSync(join(stack.home, "run-"));
    const id = await stack.createRun(flowId, { dir, items: [1, 2, 3], fail_on: 2 });
    expect(await engine(id)).toBe("Failed");
    const first = await details(id);
    const square = parent(first, "square-1");
    const failed = must((await children(id, must(square.task?.id, "task id"))).find((k) => k.state === "Failed"), "failed child");
    const pending = { type: "Pending", message: "Restarted from failed." };
    await stack.client.request(SetTaskRunStates, {
      input: { states: [square.id, failed.id, parent(first, "total-1").id].map((task_run_id) => ({ task_run_id, state: pending })) },
    });
    writeFileSync(join(dir, "ready"), "");
    await stack.client.request(Restart, {
      input: { states: [{ flow_run_id: id, version: first.version, state: { type: "Scheduled", message: "Restarted from failed.", start_time: new Date().toISOString() } }] },
    });
    expect(await engine(id)).toBe("Success");
    expect(ran(dir).sort()).toEqual([1, 2, 2, 3]);
    expect(await results.load(parent(await details(id), "total-1").serialized_state._result)).toBe(14);
  });

  it("cancels a mapped run: the running and waiting children end Cancelled, the finished ones stay", async () => {
    const id = await stack.createRun(slowFlowId);
    const outcome = engine(id, 0);
    const deadline = Date.now() + 20_000;
    while ((await childCount(id, "Running")) === 0) {
      if (Date.now() > deadline) throw new Error("no child started running");
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    await stack.client.request(Cancel, { input: { flow_run_id: id } });
    expect(await outcome).toBe("Cancelled");
    expect((await details(id)).state).toBe("Cancelled");
    expect(await childCount(id, "Running")).toBe(0);
    expect(await childCount(id, "Pending")).toBe(0);
    expect((await childCount(id, "Cancelled")) + (await childCount(id, "Success"))).toBe(8);
    expect(await childCount(id, "Cancelled")).toBeGreaterThan(0);
  }, 60_000);

  // 10,000 children take tens of seconds on a busy machine: bench/mapped.bench.ts runs those. A
  // thousand already needs the children made in chunks and their states sent in several requests.
  it("runs a map of 1,000 children to Success", async () => {
    const id = await stack.createRun(bigFlowId, { count: 1_000 });
    expect(await engine(id)).toBe("Success");
    const count = await stack.client.request(ChildCount, { id, state: "Success" });
    expect(count.task_run_aggregate.aggregate?.count).toBe(1_000);
  }, 60_000);
});
