import { spawn } from "node:child_process";
import { join } from "node:path";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { runHistory } from "../testing/run-history.ts";
import { startTestStack, type TestStack } from "../testing/stack.ts";
import { testDialects } from "../server/db/testing.ts";
import { type AnswerLosingProxy, type GraphQLBody, type LoseRule, startAnswerLosingProxy } from "../server/testing/answer-losing-proxy.ts";
import { BURST_LINES } from "./testing/burst-logs-flow.ts";
import { LINES_PER_TASK, TASKS } from "./testing/numbered-logs-flow.ts";

/**
 * The worst moment for a server to die: after it stored a write, before its answer arrived. A
 * loopback proxy plays that moment: it forwards the request, waits for the server's answer, then
 * cuts the connection instead of passing the answer on. The engine retries each such write; the
 * idempotency keys make sure nothing is stored twice and no version check fails the run.
 */

const ENGINE_MAIN = join(import.meta.dirname, "main.ts");
const NUMBERED_FLOW = join(import.meta.dirname, "testing/numbered-logs-flow.ts");
const BURST_FLOW = join(import.meta.dirname, "testing/burst-logs-flow.ts");

type BatchInput = { logs?: unknown[]; flow_run_states?: { state: { type: string } }[]; task_run_states?: { state: { type: string } }[] };
const batchOf = (body: GraphQLBody) => (body.variables?.input ?? {}) as BatchInput;

/** The numbers of the stored "line N" log lines, ascending. */
const lineNumbers = (logs: { message?: string | null }[]) =>
  logs
    .filter((l) => l.message?.startsWith("line "))
    .map((l) => Number(l.message!.slice("line ".length)))
    .sort((a, b) => a - b);
const oneToN = (n: number) => Array.from({ length: n }, (_, i) => i + 1);

/** Runs the flow-run process for `runId` as an agent starts one, and resolves with how it exited. */
function runEngineProcess(runId: string, env: Record<string, string>): Promise<{ code: number | null; signal: NodeJS.Signals | null; stderr: string }> {
  const child = spawn(process.execPath, ["--import", import.meta.resolve("tsx"), ENGINE_MAIN, runId], { env: { ...process.env, ...env }, stdio: ["ignore", "ignore", "pipe"] });
  let stderr = "";
  child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
  return new Promise((resolve, reject) => {
    child.once("error", reject);
    child.once("exit", (code, signal) => resolve({ code, signal, stderr }));
  });
}

describe.each(testDialects())("engine writes whose answer was lost (%s)", (dialect) => {
  let stack: TestStack;
  let proxy: AnswerLosingProxy | undefined;
  beforeAll(async () => {
    stack = await startTestStack({ dialect });
  });
  afterEach(async () => {
    await proxy?.close();
    proxy = undefined;
  });
  afterAll(async () => stack?.close());

  /** Runs `file`'s flow once in a real flow-run process (as the agent starts one) that talks to the server through a proxy losing the answers `rules` pick. */
  async function runThroughLostAnswers(file: string, rules: LoseRule[]) {
    const { flowId } = await stack.register(file);
    const runId = await stack.createRun(flowId);
    const lossy = (proxy = await startAnswerLosingProxy(stack.server.graphqlUrl, rules));
    const exit = await runEngineProcess(runId, { TERN_API: lossy.url, TERN_RETRY_FOR_MS: "10000" });
    return { exit, run: await runHistory(stack.client, runId), lost: lossy.lost };
  }

  /** One history entry per write: nothing lost, nothing doubled. */
  function expectOneRunOnce(run: Awaited<ReturnType<typeof runHistory>>) {
    expect(run.state).toBe("Success");
    expect(run.states.map((s) => [s.state, s.version])).toEqual([
      ["Scheduled", 1],
      ["Running", 2],
      ["Success", 3],
    ]);
    for (const taskRun of run.task_runs) {
      expect(taskRun.state).toBe("Success");
      expect(taskRun.states.map((s) => s.state)).toEqual(["Pending", "Running", "Success"]);
    }
  }

  it("first log write and first batch (flow Running): retried and stored once, run Success, each line once", async () => {
    const { exit, run, lost } = await runThroughLostAnswers(NUMBERED_FLOW, [{ operation: "Engine_writeRunLogs" }, { operation: "Engine_writeRunBatch" }]);
    expect(lost.map((l) => l.operation).sort()).toEqual(["Engine_writeRunBatch", "Engine_writeRunLogs"]);
    expect(exit).toMatchObject({ code: 0, signal: null });
    expectOneRunOnce(run);
    expect(lineNumbers(run.logs)).toEqual(oneToN(LINES_PER_TASK * TASKS));
  }, 60_000);

  it("the final batch (last lines, last task's Success, flow Success): retried and stored once", async () => {
    const { exit, run, lost } = await runThroughLostAnswers(BURST_FLOW, [
      { operation: "write_run_batch", when: (b) => (batchOf(b).flow_run_states ?? []).some((s) => s.state.type === "Success") },
    ]);
    expect(lost).toHaveLength(1);
    // The server stored the whole batch it never got to acknowledge: every line, both final states.
    const batch = batchOf(lost[0].request);
    expect(JSON.parse(lost[0].answer).errors).toBeUndefined();
    expect(batch.logs).toHaveLength(BURST_LINES);
    expect(batch.task_run_states?.map((s) => s.state.type)).toEqual(["Success"]);
    expect(exit).toMatchObject({ code: 0, signal: null });
    expectOneRunOnce(run);
    expect(lineNumbers(run.logs)).toEqual(oneToN(BURST_LINES));
  }, 60_000);

  it("every log write and every batch loses its first answer: still each line once, each state once", async () => {
    // Sends of one kind go one at a time, so request 2k is the retry of request 2k-1: losing every
    // odd one loses each write's first answer and lets its retry through.
    const everyFirst = (operation: string): LoseRule[] => Array.from({ length: 60 }, (_, i) => ({ operation, nth: 2 * i + 1 }));
    const { exit, run, lost } = await runThroughLostAnswers(NUMBERED_FLOW, [...everyFirst("Engine_writeRunLogs"), ...everyFirst("Engine_writeRunBatch")]);
    // Flow Running + task 1 Running, the final batch, and between them the task states sent within
    // their window (how many of those share a batch depends on how long the retries took).
    expect(lost.filter((l) => l.operation === "Engine_writeRunBatch").length).toBeGreaterThanOrEqual(2);
    expect(lost.filter((l) => l.operation === "Engine_writeRunLogs").length).toBeGreaterThan(0);
    expect(exit).toMatchObject({ code: 0, signal: null });
    expectOneRunOnce(run);
    expect(lineNumbers(run.logs)).toEqual(oneToN(LINES_PER_TASK * TASKS));
  }, 60_000);

  it("the first batch (flow Running, version-checked) re-sent while the server is still storing it: no false lost claim", async () => {
    const { exit, run, lost } = await runThroughLostAnswers(NUMBERED_FLOW, [
      { operation: "write_run_batch", when: (b) => (batchOf(b).flow_run_states ?? []).some((s) => s.state.type === "Running"), race: true },
    ]);
    expect(lost).toHaveLength(1);
    expect(exit).toMatchObject({ code: 0, signal: null });
    expectOneRunOnce(run);
    expect(lineNumbers(run.logs)).toEqual(oneToN(LINES_PER_TASK * TASKS));
  }, 60_000);
});
