import { type ChildProcess, execFile, spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { TernClient } from "../client/client.ts";
import { must } from "../client/must.ts";
import { RESTART_RETRY } from "../client/retry.ts";
import { graphql } from "../core/gql/gql.ts";
import { isFinished, isStateName } from "../core/states.ts";
import { createTestDatabase, type TestDatabase, testDialects } from "../server/db/testing.ts";
import { freePort } from "../testing/processes.ts";
import { LINES_PER_TASK, TASKS } from "../engine/testing/numbered-logs-flow.ts";
import { LocalAgent } from "./agent.ts";
import { SpawnLauncher } from "./spawn-launcher.ts";

/**
 * Issue "Server restart": the server is SIGKILLed in the middle of a run and started again on the
 * same port and database. The engine and agent ride it out (client retry with backoff); the log
 * lines and states buffered meanwhile are delivered once each; the run ends Success.
 *
 * The zombie killer keeps its default 60 s window here on purpose: the outage lasts a few seconds,
 * so a run whose heartbeat (every 10 s) or last state is older than 60 s cannot be this one — if the
 * outage ever grew past the window, the test would fail with the zombie message, as it should.
 */

const TERN = join(import.meta.dirname, "../../bin/tern.mjs");
const FLOW_FILE = join(import.meta.dirname, "../engine/testing/numbered-logs-flow.ts");
const TOTAL_LINES = LINES_PER_TASK * TASKS;
/** How long the server stays dead before it is started again (start-up time comes on top). */
const DOWN_MS = 1000;

const CreateProject = graphql(`
  mutation ServerRestartTest_createProject($input: create_project_input!) {
    create_project(input: $input) {
      id
    }
  }
`);

const FlowByName = graphql(`
  query ServerRestartTest_flow($name: String!) {
    flow(where: { name: { _eq: $name } }, order_by: { version: desc }, limit: 1) {
      id
      run_config
    }
  }
`);

const CreateRun = graphql(`
  mutation ServerRestartTest_createRun($input: create_flow_run_input!) {
    create_flow_run(input: $input) {
      id
    }
  }
`);

const Progress = graphql(`
  query ServerRestartTest_progress($id: uuid!) {
    flow_run_by_pk(id: $id) {
      id
      state
    }
    log_aggregate(where: { flow_run_id: { _eq: $id }, message: { _like: "line %" } }) {
      aggregate {
        count
      }
    }
  }
`);

const Report = graphql(`
  query ServerRestartTest_report($id: uuid!) {
    flow_run_by_pk(id: $id) {
      id
      state
      state_message
      states(order_by: { version: asc }) {
        state
        message
      }
      task_runs {
        state
        task {
          name
        }
      }
      logs(where: { message: { _like: "line %" } }) {
        message
      }
    }
  }
`);

/** `tern server start` as a child process, resolved once /healthz answers. */
async function startServerProcess(port: number, databaseUrl: string, home: string): Promise<ChildProcess> {
  const child = spawn(process.execPath, [TERN, "server", "start", "--port", String(port), "--database-url", databaseUrl], {
    env: { ...process.env, TERN_HOME: home, TERN_ZOMBIE_TIMEOUT: "60" },
    stdio: ["ignore", "ignore", "pipe"],
  });
  let stderr = "";
  child.stderr!.on("data", (c: Buffer) => (stderr = (stderr + c.toString()).slice(-2000)));
  const deadline = Date.now() + 30_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`tern server start exited with ${child.exitCode}: ${stderr}`);
    const healthy = await fetch(`http://127.0.0.1:${port}/healthz`).then((r) => r.ok, () => false);
    if (healthy) return child;
    if (Date.now() > deadline) throw new Error(`server on port ${port} not healthy after 30 s: ${stderr}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

/** Polls `probe` until it returns a value; fails with `what` and the last seen value after `timeoutMs`. */
async function waitFor<T>(what: string, probe: () => Promise<T | undefined>, timeoutMs: number): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

async function killHard(child: ChildProcess) {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((r) => child.once("exit", r));
  child.kill("SIGKILL");
  await exited;
}

describe.each(testDialects())("server restart mid-run on %s", (kind) => {
  let database: TestDatabase;
  let home: string;
  let port: number;
  let api: string;
  let server: ChildProcess;
  let client: TernClient;
  let agent: LocalAgent | undefined;

  beforeAll(async () => {
    database = await createTestDatabase(kind);
    home = mkdtempSync(join(tmpdir(), "tern-restart-"));
    port = await freePort();
    api = `http://127.0.0.1:${port}/graphql`;
    server = await startServerProcess(port, database.url, home);
    client = new TernClient({ api, retryPolicy: RESTART_RETRY });
    await client.request(CreateProject, { input: { name: "restart", description: null } });
    // TERN_API rather than --api: `tern register` does not pass --api (nor --label) on to the flows it
    // registers; the agent takes the labels the flow got (the default: this machine's hostname).
    await promisify(execFile)(process.execPath, [TERN, "register", FLOW_FILE, "--project", "restart"], { env: { ...process.env, TERN_API: api } });
  }, 90_000);

  afterAll(async () => {
    await agent?.stop(2000);
    if (server) await killHard(server);
    await database?.drop();
    if (home) rmSync(home, { recursive: true, force: true });
  });

  it("the run ends Success with every log line stored exactly once", async () => {
    const flow = must((await client.request(FlowByName, { name: "numbered-logs" })).flow[0], "registered flow");
    const labels = (flow.run_config as { labels?: string[] } | null)?.labels ?? [];
    const agentLines: string[] = [];
    agent = new LocalAgent(client, new SpawnLauncher(), { labels, pollMs: 200, heartbeatMs: 1000, print: (line) => agentLines.push(line) });
    await agent.start();
    const runId = must((await client.request(CreateRun, { input: { flow_id: flow.id } })).create_flow_run?.id, "flow run id");

    // Kill once the run is visibly under way: some lines stored, most still to come.
    const before = await waitFor(
      "the first log lines",
      async () => {
        const progress = await client.request(Progress, { id: runId });
        const lines = progress.log_aggregate.aggregate?.count ?? 0;
        return lines >= 5 ? { state: progress.flow_run_by_pk?.state, lines } : undefined;
      },
      30_000,
    ).catch((error: Error) => {
      throw new Error(`${error.message}; agent said:\n${agentLines.join("\n")}`);
    });
    const killedAt = Date.now();
    await killHard(server);
    await new Promise((r) => setTimeout(r, DOWN_MS));
    server = await startServerProcess(port, database.url, home);
    const outageMs = Date.now() - killedAt;

    await waitFor(
      "the run to finish",
      async () => {
        const state = (await client.request(Progress, { id: runId })).flow_run_by_pk?.state;
        return state && isStateName(state) && isFinished(state) ? state : undefined;
      },
      60_000,
    ).catch((error: Error) => {
      throw new Error(`${error.message}; agent said:\n${agentLines.join("\n")}`);
    });
    const run = must((await client.request(Report, { id: runId })).flow_run_by_pk, "flow run");
    const numbers = run.logs.map((l) => Number(l.message?.slice("line ".length))).sort((a, b) => a - b);
    const lost = Array.from({ length: TOTAL_LINES }, (_, i) => i + 1).filter((n) => !numbers.includes(n));
    const duplicated = numbers.length - new Set(numbers).size;
    console.info(`[${kind}] outage ${outageMs} ms; ${before.lines}/${TOTAL_LINES} lines stored at the kill; lost ${lost.length}, duplicated ${duplicated}`);

    // The kill really happened mid-run.
    expect(before.state).toBe("Running");
    expect(before.lines).toBeLessThan(TOTAL_LINES);
    expect([run.state, run.state_message]).toEqual(["Success", "All reference tasks succeeded."]);
    expect(run.states.map((s) => s.state)).toEqual(["Scheduled", "Submitted", "Running", "Success"]);
    expect(run.task_runs.map((t) => t.state)).toEqual(Array(TASKS).fill("Success"));
    expect({ lost, duplicated }).toEqual({ lost: [], duplicated: 0 });
    expect(numbers).toEqual(Array.from({ length: TOTAL_LINES }, (_, i) => i + 1));
  }, 120_000);
});
