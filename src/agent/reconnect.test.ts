import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { TernClient } from "../client/client.ts";
import { createTestDatabase, type TestDatabase, testDialects } from "../server/db/testing.ts";
import { LocalAgent } from "./agent.ts";
import { freePort, startTern, type TernProcess } from "../testing/processes.ts";
import { fromAgent, recordRequests } from "../testing/requests.ts";
import { type StackClient, stackClient } from "../testing/stack.ts";
import { WarmPoolLauncher } from "./warm-pool.ts";

const HELLO = join(import.meta.dirname, "../../examples/hello-flow.ts");
const ETL = join(import.meta.dirname, "../../examples/etl-flow.ts");

/**
 * The server process is SIGKILLed under a running agent and started again on the same port and
 * database: the agent keeps running, says so once (not once per poll), and takes new runs again.
 */
describe.each(testDialects())("an agent whose server goes away (%s)", { timeout: 90_000 }, (dialect) => {
  let home: string;
  let database: TestDatabase;
  let port: number;
  let server: TernProcess | undefined;
  let stack: StackClient;

  const startServerProcess = async () => {
    const started = startTern(["server", "start", "--port", String(port), "--database-url", database.url], { TERN_HOME: home });
    await started.waitForLine(/Tern server ready/);
    return started;
  };

  beforeAll(async () => {
    home = mkdtempSync(join(tmpdir(), "tern-reconnect-"));
    database = await createTestDatabase(dialect);
    port = await freePort();
    server = await startServerProcess();
    stack = await stackClient(`http://127.0.0.1:${port}/graphql`);
  });

  afterAll(async () => {
    if (server && server.child.exitCode === null) {
      server.child.kill("SIGKILL");
      await server.exited;
    }
    await database?.drop();
    rmSync(home, { recursive: true, force: true });
  });

  it("logs the loss once, reconnects by itself, hears of flows registered after the restart and runs a flow run created after it", async () => {
    const { flowId } = await stack.register(HELLO);
    const lines: string[] = [];
    const pool = new WarmPoolLauncher({ size: 1 });
    const agent = new LocalAgent(new TernClient({ api: `http://127.0.0.1:${port}/graphql` }), pool, {
      labels: ["test"],
      print: (line) => lines.push(line),
      pollMs: 300,
      reconnect: { firstMs: 200, maxMs: 800 },
    });
    await agent.start();
    try {
      expect((await stack.waitForFinish(await stack.createRun(flowId))).state).toBe("Success");

      server!.child.kill("SIGKILL");
      await server!.exited;
      // Several polls and live-query attempts fail while the server is down.
      const whileDown = recordRequests(fromAgent);
      try {
        await vi.waitFor(() => expect(lines.some((l) => l.startsWith("Lost the server"))).toBe(true), { timeout: 15_000 });
        await vi.waitFor(() => expect(whileDown.operations.length).toBeGreaterThanOrEqual(4), { timeout: 15_000 });
      } finally {
        whileDown.stop();
      }
      server = await startServerProcess();

      // The live query of the newest flows is opened again too: a flow registered now is preloaded.
      const { flowId: etlId } = await stack.register(ETL);
      await vi.waitFor(() => expect(pool.likelyFlowIds).toContain(etlId), { timeout: 15_000, interval: 20 });

      const afterRestart = await stack.createRun(flowId);
      expect(await stack.waitForFinish(afterRestart, 60_000)).toEqual({ state: "Success", state_message: "All reference tasks succeeded." });
      const lost = lines.filter((l) => l.startsWith("Lost the server"));
      expect(lost).toEqual([expect.stringMatching(new RegExp(`^Lost the server at http://127\\.0\\.0\\.1:${port}/graphql \\([A-Z_]+\\); retrying in 0\\.2s`))]);
      expect(lines.filter((l) => l.startsWith("Server is back"))).toHaveLength(1);
      expect(lines.filter((l) => /^\s+at |Error:/.test(l))).toEqual([]);
    } finally {
      await agent.stop();
    }
  });
});
