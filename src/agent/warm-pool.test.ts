import { existsSync, mkdtempSync, readFileSync, rmSync, statSync, utimesSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { TernClient } from "../client/client.ts";
import { LocalAgent } from "./agent.ts";
import { runHistory } from "../testing/run-history.ts";
import { startTestStack, type TestStack } from "../testing/stack.ts";
import { restartDelayMs, WarmPoolLauncher } from "./warm-pool.ts";

const ENV_FLOW = join(import.meta.dirname, "../engine/testing/env-flow.ts");
const PRELOAD_FLOW = join(import.meta.dirname, "../engine/testing/preload-flow.ts");

describe("restartDelayMs", () => {
  it("starts at once, then doubles from half a second up to 30 s", () => {
    expect([0, 1, 2, 3, 4].map(restartDelayMs)).toEqual([0, 500, 1000, 2000, 4000]);
    expect(restartDelayMs(20)).toBe(30_000);
  });
});

describe("a warm pool whose engines die as they start", () => {
  const dir = mkdtempSync(join(tmpdir(), "tern-warm-pool-"));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it("backs off instead of forking in a tight loop", async () => {
    // A worker that records when it starts and dies before saying it is ready, like a broken install.
    const starts = join(dir, "starts");
    writeFileSync(starts, "");
    const entry = join(dir, "dying-worker.mjs");
    writeFileSync(entry, `import { appendFileSync } from "node:fs"; appendFileSync(${JSON.stringify(starts)}, Date.now() + "\\n"); process.exit(3);`);
    const pool = new WarmPoolLauncher({ size: 1, workerEntry: entry });
    const startTimes = () => readFileSync(starts, "utf8").split("\n").filter(Boolean).map(Number);
    try {
      await vi.waitFor(() => expect(startTimes().length).toBeGreaterThanOrEqual(3), { timeout: 15_000, interval: 50 });
      // The first death is followed by a retry after at least 0.5 s, the second by one after at least
      // 1 s, where a pool without backoff starts the next worker as soon as the last one died.
      const [first, second, third] = startTimes();
      expect(second - first).toBeGreaterThanOrEqual(restartDelayMs(1));
      expect(third - second).toBeGreaterThanOrEqual(restartDelayMs(2));
    } finally {
      await pool.close();
    }
  }, 20_000);
});

/** A server for the describe block it is called in (the engines' TERN_HOME is its home): `stack()` once started. */
function stackPerBlock(): () => TestStack {
  let stack: TestStack;
  beforeAll(async () => {
    stack = await startTestStack();
    process.env.TERN_HOME = stack.home;
  }, 60_000);
  afterAll(async () => {
    await stack?.close();
  });
  return () => stack;
}

describe("a warm engine across runs", () => {
  const stackOf = stackPerBlock();
  let stack: TestStack;
  beforeAll(() => {
    stack = stackOf();
  });

  const engineLines = async (id: string) => (await runHistory(stack.client, id)).logs;
  const pidOf = async (id: string) => Number(/PID: (\d+)/.exec((await engineLines(id)).find((l) => l.name === "agent")?.message ?? "")?.[1]);

  it("shows the next run the environment it started with, not what the last run's code set", async () => {
    const agent = new LocalAgent(new TernClient({ api: stack.server.graphqlUrl }), new WarmPoolLauncher({ size: 1 }), { labels: ["test"], print: () => {} });
    await agent.start();
    try {
      const { flowId } = await stack.register(ENV_FLOW);
      const ids: string[] = [];
      for (let i = 0; i < 2; i++) {
        const id = await stack.createRun(flowId);
        expect((await stack.waitForFinish(id)).state).toBe("Success");
        ids.push(id);
      }
      // One engine ran both, and the second saw what the first saw.
      expect(await pidOf(ids[1])).toBe(await pidOf(ids[0]));
      for (const id of ids) expect((await engineLines(id)).map((l) => l.message)).toContain("TERN_TEST_LEAK=(unset) HOME=(set)");
    } finally {
      await agent.stop();
    }
  });

  it("imports the file of a flow the agent expects to run before its first run, once: the run does not import it again, and the file's output is no run's log line", async () => {
    const dir = mkdtempSync(join(tmpdir(), "tern-preload-"));
    const imports = join(dir, "imports");
    const pool = new WarmPoolLauncher({ size: 1 });
    const agent = new LocalAgent(new TernClient({ api: stack.server.graphqlUrl }), pool, { labels: ["test"], print: () => {}, engineEnv: { TERN_TEST_IMPORTS: imports } });
    const importers = () => (existsSync(imports) ? readFileSync(imports, "utf8").split("\n").filter(Boolean).map(Number) : []);
    await agent.start();
    try {
      const { flowId } = await stack.register(PRELOAD_FLOW);
      // Registered after the agent started, as in the tutorial: the agent learns of it and its engine imports it.
      await vi.waitFor(() => expect(pool.likelyFlowIds).toContain(flowId), { timeout: 15_000, interval: 20 });
      await pool.settled();
      const [preloader] = importers();
      expect(importers()).toHaveLength(1);
      const id = await stack.createRun(flowId);
      expect((await stack.waitForFinish(id)).state).toBe("Success");
      expect(await pidOf(id)).toBe(preloader);
      expect(importers()).toEqual([preloader]);
      const messages = (await engineLines(id)).map((l) => l.message);
      expect(messages).toContain("the task ran");
      expect(messages.join("\n")).not.toContain("top-level output");
    } finally {
      await agent.stop();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe("a warm pool after more runs at once than its size", () => {
  const stackOf = stackPerBlock();

  it("grows for the runs, then lets the engines beyond its size exit once they have been idle a while", async () => {
    const pool = new WarmPoolLauncher({ size: 1, surplusIdleMs: 200 });
    try {
      await pool.settled();
      // Two runs at once (of runs that do not exist: each engine reports it and is done): the second
      // gets an engine of its own.
      const env = { TERN_API: stackOf().server.graphqlUrl };
      const handles = await Promise.all([pool.launch("00000000-0000-0000-0000-000000000001", env), pool.launch("00000000-0000-0000-0000-000000000002", env)]);
      expect(new Set(handles.map((h) => h.pid)).size).toBe(2);
      await Promise.all(handles.map((h) => h.done));
      await vi.waitFor(() => expect(pool.engines).toBe(1), { timeout: 15_000, interval: 20 });
      // The one left is idle and takes the next run.
      const next = await pool.launch("00000000-0000-0000-0000-000000000003", env);
      expect(handles.map((h) => h.pid)).toContain(next.pid);
      await next.done;
      expect(pool.engines).toBe(1);
    } finally {
      await pool.close();
    }
  }, 30_000);
});

describe("a warm engine that has imported many flow modules", () => {
  // A stack of its own: the engine also imports, ahead of their runs, every flow the agent expects
  // to run, and here that is one flow.
  const stackOf = stackPerBlock();
  let stack: TestStack;
  beforeAll(() => {
    stack = stackOf();
  });
  const pidOf = async (id: string) => Number(/PID: (\d+)/.exec((await runHistory(stack.client, id)).logs.find((l) => l.name === "agent")?.message ?? "")?.[1]);

  it("retires after importing its cap of flow modules (Node never unloads one), and a fresh engine takes the next run", async () => {
    // The engine imports the file once ahead of its runs (the agent expects them), then each run
    // imports a new version of it (its mtime changed): with a cap of 3, the engine that ran the first
    // two retires, and the third run is another process's.
    vi.stubEnv("TERN_ENGINE_MAX_FLOW_MODULES", "3");
    const pool = new WarmPoolLauncher({ size: 1 });
    vi.unstubAllEnvs();
    const agent = new LocalAgent(new TernClient({ api: stack.server.graphqlUrl }), pool, { labels: ["test"], print: () => {} });
    const original = statSync(ENV_FLOW);
    await agent.start();
    try {
      const { flowId } = await stack.register(ENV_FLOW);
      await vi.waitFor(() => expect(pool.likelyFlowIds).toContain(flowId), { timeout: 15_000, interval: 20 });
      await pool.settled();
      const pids: number[] = [];
      for (let i = 1; i <= 3; i++) {
        utimesSync(ENV_FLOW, original.atime, new Date(original.mtimeMs + i * 1000));
        const id = await stack.createRun(flowId);
        expect((await stack.waitForFinish(id)).state).toBe("Success");
        pids.push(await pidOf(id));
      }
      expect(pids[1]).toBe(pids[0]);
      expect(pids[2]).not.toBe(pids[0]);
    } finally {
      await agent.stop();
      utimesSync(ENV_FLOW, original.atime, original.mtime);
    }
  });
});
