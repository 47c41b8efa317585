import { createServer, type Server } from "node:http";
import { join } from "node:path";
import { pipeline, Readable } from "node:stream";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestStack, type TestStack } from "../agent/testing/stack.ts";
import { SpawnLauncher } from "../agent/spawn-launcher.ts";
import { must } from "../client/must.ts";
import { graphql } from "../core/gql/gql.ts";
import { LINES_PER_TASK, TASKS } from "./testing/numbered-logs-flow.ts";

/**
 * The worst moment for a server to die: after it stored a write, before its answer arrived. A
 * loopback proxy plays that moment: it forwards the request, waits for the server's answer, then
 * cuts the connection instead of passing the answer on. The engine retries each such write; the
 * idempotency keys make sure nothing is stored twice and no version check fails the run.
 */

const FLOW_FILE = join(import.meta.dirname, "testing/numbered-logs-flow.ts");
const TOTAL_LINES = LINES_PER_TASK * TASKS;
/** The operations whose first answer is lost. */
const CUT_ONCE = ["Engine_writeRunLogs", "Engine_writeRunBatch"];

const Report = graphql(`
  query LostAnswerTest_report($id: uuid!) {
    flow_run_by_pk(id: $id) {
      state
      states(order_by: { version: asc }) {
        state
        version
      }
      task_runs {
        state
        states(order_by: { version: asc }) {
          state
        }
      }
      logs(where: { message: { _like: "line %" } }) {
        message
      }
    }
  }
`);

/** Forwards GraphQL POSTs to `target`; for each operation in `cutOnce`, the first answer is dropped. */
async function answerLosingProxy(target: string, cutOnce: string[]) {
  const cut: string[] = [];
  const server: Server = createServer(async (req, res) => {
    try {
      const chunks: Buffer[] = [];
      for await (const c of req) chunks.push(c as Buffer);
      const body = Buffer.concat(chunks);
      const upstream = await fetch(target, {
        method: "POST",
        headers: { "content-type": "application/json", accept: req.headers.accept ?? "application/json" },
        body,
      });
      const operation = cutOnce.find((name) => body.includes(name) && !cut.includes(name));
      if (operation) {
        await upstream.arrayBuffer(); // stored and answered by the server…
        cut.push(operation);
        req.socket.destroy(); // …but the answer never reaches the engine
        return;
      }
      res.writeHead(upstream.status, { "content-type": upstream.headers.get("content-type") ?? "application/json" });
      // Streamed, so the engine's live query (SSE) works through the proxy too.
      // pipeline, not pipe: the stream breaking when the server closes must not throw.
      if (upstream.body) pipeline(Readable.fromWeb(upstream.body as never), res, () => req.socket.destroy());
      else res.end();
    } catch {
      req.socket.destroy(); // the server went away (end of the test): so does the connection
    }
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  const { port } = server.address() as { port: number };
  return { url: `http://127.0.0.1:${port}/graphql`, cut, close: () => new Promise<void>((r) => server.close(() => r())) };
}

describe("engine writes whose answer was lost", () => {
  let stack: TestStack;
  let proxy: Awaited<ReturnType<typeof answerLosingProxy>>;
  beforeAll(async () => {
    stack = await startTestStack();
    proxy = await answerLosingProxy(stack.server.graphqlUrl, CUT_ONCE);
  });
  afterAll(async () => {
    await proxy?.close();
    await stack?.close();
  });

  it("are retried and stored once: run Success, each line once, no doubled state", async () => {
    const { flowId } = await stack.register(FLOW_FILE);
    const runId = await stack.createRun(flowId);
    // A real flow-run process (as the agent starts it), talking to the server through the proxy.
    const engine = await new SpawnLauncher().launch(runId, { TERN_API: proxy.url, TERN_FLOW_RUN_ID: runId, TERN_RETRY_FOR_MS: "10000" });
    const exit = await engine.done;

    const run = must((await stack.client.request(Report, { id: runId })).flow_run_by_pk, "flow run");
    expect(proxy.cut.sort()).toEqual([...CUT_ONCE].sort());
    expect(exit).toMatchObject({ code: 0, signal: null });
    expect(run.state).toBe("Success");
    // The flow-run history: each write once, the versions consecutive.
    expect(run.states.map((s) => s.state)).toEqual(["Scheduled", "Running", "Success"]);
    expect(run.states.map((s) => s.version)).toEqual([1, 2, 3]);
    for (const taskRun of run.task_runs) {
      expect(taskRun.state).toBe("Success");
      expect(taskRun.states.map((s) => s.state)).toEqual(["Pending", "Running", "Success"]);
    }
    const numbers = run.logs.map((l) => Number(l.message?.slice("line ".length))).sort((a, b) => a - b);
    expect(numbers).toEqual(Array.from({ length: TOTAL_LINES }, (_, i) => i + 1));
  }, 60_000);
});
