import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { TernClient } from "../client/client.ts";
import { must } from "../client/must.ts";
import { graphql } from "../core/gql/gql.ts";
import { testDialects } from "../server/db/testing.ts";
import { LocalAgent } from "./agent.ts";
import { startTestStack, type TestStack } from "../testing/stack.ts";
import { WarmPoolLauncher } from "./warm-pool.ts";

/**
 * Restart from failed through a real server, agent and engine processes: the task that succeeded
 * keeps its result and is not run again, unless its stored result is gone.
 */

const RESTART_FLOW = join(import.meta.dirname, "../testing/restart-flow.ts");

const RunDetails = graphql(`
  query AgentRestartTest_run($id: uuid!) {
    flow_run_by_pk(id: $id) {
      id
      version
      state
      states(order_by: { version: asc }) {
        state
      }
      task_runs {
        id
        version
        state
        serialized_state
        task {
          slug
        }
        states(order_by: { version: asc }) {
          state
        }
      }
      logs(order_by: { timestamp: asc }) {
        name
        level
        message
        task_run_id
      }
    }
  }
`);

const SetTaskRunStates = graphql(`
  mutation AgentRestartTest_setTaskRunStates($input: set_task_run_states_input!) {
    set_task_run_states(input: $input) {
      states {
        id
      }
    }
  }
`);

const SetFlowRunStates = graphql(`
  mutation AgentRestartTest_setFlowRunStates($input: set_flow_run_states_input!) {
    set_flow_run_states(input: $input) {
      states {
        id
      }
    }
  }
`);

describe.each(testDialects())("restart from failed with a result store (%s)", (dialect) => {
  let stack: TestStack;
  let agent: LocalAgent;
  let flowId: string;
  let resultsDir: string;
  const output: string[] = [];

  beforeAll(async () => {
    stack = await startTestStack({ dialect });
    resultsDir = join(stack.home, "results");
    flowId = (await stack.register(RESTART_FLOW)).flowId;
    agent = new LocalAgent(new TernClient({ api: stack.server.graphqlUrl }), new WarmPoolLauncher({ size: 1 }), {
      labels: ["test"],
      print: (line) => output.push(line),
      pollMs: 500,
      engineEnv: { TERN_RESULTS_DIR: resultsDir },
    });
    await agent.start();
  }, 60_000);

  afterAll(async () => {
    await agent?.stop();
    await stack?.close();
  });

  const details = async (id: string) => must((await stack.client.request(RunDetails, { id })).flow_run_by_pk, `flow run ${id}`);
  const taskRun = (run: Awaited<ReturnType<typeof details>>, slug: string) => must(run.task_runs.find((t) => t.task?.slug === slug), slug);
  const executions = (dir: string) => readFileSync(join(dir, "produced.txt"), "utf8").split("\n").filter(Boolean);

  /** A run whose "produce" succeeded and whose "consume" failed (its marker file missing). */
  async function failedRun(parameters: Record<string, unknown> = {}) {
    const dir = mkdtempSync(join(stack.home, "run-"));
    const id = await stack.createRun(flowId, { dir, ...parameters });
    expect((await stack.waitForFinish(id, 40_000)).state, output.join("\n")).toBe("Failed");
    return { id, dir };
  }

  /** What the dashboard's "Restart from failed" does: the failed task run back to Pending, the run to Scheduled. */
  async function restartFromFailed(id: string) {
    const run = await details(id);
    const consume = taskRun(run, "consume-1");
    await stack.client.request(SetTaskRunStates, {
      input: { states: [{ task_run_id: consume.id, version: consume.version, state: { type: "Pending", message: "Restarted from failed." } }] },
    });
    await stack.client.request(SetFlowRunStates, {
      input: { states: [{ flow_run_id: id, version: run.version, state: { type: "Scheduled", message: "Restarted from failed.", start_time: new Date().toISOString() } }] },
    });
  }

  it("keeps the task that succeeded: not run again, its stored result fed to the task that runs again, the run ends Success", async () => {
    const { id, dir } = await failedRun();
    const first = await details(id);
    const location = taskRun(first, "produce-1").serialized_state?._result?.location;
    expect(existsSync(join(resultsDir, location))).toBe(true);

    writeFileSync(join(dir, "ready"), "");
    await restartFromFailed(id);
    expect((await stack.waitForFinish(id, 40_000)).state, output.join("\n")).toBe("Success");

    expect(executions(dir)).toEqual([id]);
    expect(JSON.parse(readFileSync(join(dir, "consumed.json"), "utf8"))).toEqual({ execution: 1, rows: [1, 2, 3] });
    const run = await details(id);
    expect(run.states.map((s) => s.state)).toEqual(["Scheduled", "Submitted", "Running", "Failed", "Scheduled", "Submitted", "Running", "Success"]);
    expect(taskRun(run, "produce-1").states.map((s) => s.state)).toEqual(["Pending", "Running", "Success"]);
    expect(taskRun(run, "dir").states.map((s) => s.state)).toEqual(["Pending", "Success"]);
    expect(taskRun(run, "unstorable").states.map((s) => s.state)).toEqual(["Pending", "Success"]);
    expect(taskRun(run, "consume-1").states.map((s) => s.state)).toEqual(["Pending", "Running", "Failed", "Pending", "Running", "Success"]);
    expect(run.logs.filter((l) => l.level === "WARNING")).toEqual([]);
  }, 90_000);

  it("runs the succeeded task again when its stored result is gone, and says so in the run's logs", async () => {
    const { id, dir } = await failedRun();
    const first = await details(id);
    const produce = taskRun(first, "produce-1");
    rmSync(join(resultsDir, produce.serialized_state._result.location));

    writeFileSync(join(dir, "ready"), "");
    await restartFromFailed(id);
    expect((await stack.waitForFinish(id, 40_000)).state, output.join("\n")).toBe("Success");

    expect(executions(dir)).toEqual([id, id]);
    expect(JSON.parse(readFileSync(join(dir, "consumed.json"), "utf8"))).toEqual({ execution: 2, rows: [1, 2, 3] });
    const run = await details(id);
    expect(taskRun(run, "produce-1").states.map((s) => s.state)).toEqual(["Pending", "Running", "Success", "Pending", "Running", "Success"]);
    const warnings = run.logs.filter((l) => l.level === "WARNING");
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toMatchObject({ name: "engine", task_run_id: produce.id });
    expect(warnings[0].message).toContain("produce-1");
  }, 90_000);

  it("a result the store refuses (a function in it): the task succeeds, the logs say it is not stored, and a restart runs it again", async () => {
    const { id, dir } = await failedRun({ unstorable: true });
    const first = await details(id);
    const produce = taskRun(first, "produce-1");
    expect(produce.state).toBe("Success");
    expect(produce.serialized_state._result).toBeUndefined();
    const notStored = first.logs.filter((l) => l.level === "WARNING");
    expect(notStored).toHaveLength(1);
    expect(notStored[0]).toMatchObject({ name: "engine", task_run_id: produce.id });
    expect(notStored[0].message).toContain("RESULT_NOT_SERIALIZABLE");

    writeFileSync(join(dir, "ready"), "");
    await restartFromFailed(id);
    expect((await stack.waitForFinish(id, 40_000)).state, output.join("\n")).toBe("Success");
    expect(executions(dir)).toEqual([id, id]);
    // JSON drops the function when "consume" writes what it got: the second execution's result.
    expect(JSON.parse(readFileSync(join(dir, "consumed.json"), "utf8"))).toEqual({ execution: 2, rows: [1, 2, 3] });
    const warnings = (await details(id)).logs.filter((l) => l.level === "WARNING" && l.task_run_id === produce.id);
    // Not stored (first run), runs again (restart), not stored again (its second Success).
    expect(warnings).toHaveLength(3);
  }, 90_000);
});
