import { readFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { TernClient } from "../client/client.ts";
import { testDialects } from "../server/db/testing.ts";
import { type AgentOptions, LocalAgent } from "./agent.ts";
import { SpawnLauncher } from "./spawn-launcher.ts";
import { startTestStack, type TestStack } from "../testing/stack.ts";
import { WarmPoolLauncher } from "./warm-pool.ts";
import type { EngineHandle, EngineLauncher } from "./launcher.ts";
import { startFailedMessage, MAX_START_RESCHEDULES, ZOMBIE_MESSAGE } from "../server/services/background.ts";

/**
 * Which runs a Tern agent takes, and how long its engines may run: Prefect 1 Python flows and
 * storage the agent does not allow wait for another agent; the heartbeat follows the server's
 * zombie timeout, so a short timeout does not fail healthy runs.
 */

const FIXTURES = join(import.meta.dirname, "../testing");
const PREFECT_HELLO = JSON.parse(readFileSync(join(import.meta.dirname, "../server/testing/fixtures/prefect1-hello-flow.serialized.json"), "utf8"));
const quiet = () => {};

/** Untyped GraphQL for the few requests that build flows no SDK would register. */
async function gql(stack: TestStack, query: string, variables: Record<string, unknown> = {}, headers: Record<string, string> = {}) {
  const response = await fetch(stack.server.graphqlUrl, { method: "POST", headers: { "content-type": "application/json", ...headers }, body: JSON.stringify({ query, variables }) });
  const body = (await response.json()) as { data?: any; errors?: unknown[] };
  if (body.errors?.length) throw new Error(JSON.stringify(body.errors));
  return body.data;
}

async function createFlow(stack: TestStack, serialized: Record<string, unknown>): Promise<string> {
  const project = (await gql(stack, `{ project(where: { name: { _eq: "tutorial" } }) { id } }`)).project[0].id;
  return (await gql(stack, `mutation($input: create_flow_input!) { create_flow(input: $input) { id } }`, { input: { project_id: project, serialized_flow: serialized } })).create_flow.id;
}

async function createRun(stack: TestStack, flowId: string, scheduledStart: Date): Promise<string> {
  const input = { flow_id: flowId, labels: ["test"], scheduled_start_time: scheduledStart.toISOString() };
  return (await gql(stack, `mutation($input: create_flow_run_input!) { create_flow_run(input: $input) { id } }`, { input })).create_flow_run.id;
}

const runState = async (stack: TestStack, id: string) => (await gql(stack, `query($id: uuid!) { flow_run_by_pk(id: $id) { state } }`, { id })).flow_run_by_pk.state as string;

describe.each(testDialects())("a Tern agent takes only runs it can execute, on %s", { timeout: 60_000 }, (dialect) => {
  let stack: TestStack;
  let hello: { flowId: string; serialized: Record<string, unknown> };
  const agents: LocalAgent[] = [];

  beforeAll(async () => {
    stack = await startTestStack({ dialect });
    process.env.TERN_HOME = stack.home;
    const registered = await stack.register(join(import.meta.dirname, "../../examples/hello-flow.ts"));
    const flow = (await gql(stack, `query($id: uuid!) { flow_by_pk(id: $id) { serialized_flow } }`, { id: registered.flowId })).flow_by_pk;
    hello = { flowId: registered.flowId, serialized: flow.serialized_flow };
  }, 60_000);
  afterAll(async () => {
    for (const agent of agents) await agent.stop();
    await stack?.close();
  });

  const startAgent = async (options: AgentOptions = {}) => {
    const agent = new LocalAgent(new TernClient({ api: stack.server.graphqlUrl }), new SpawnLauncher(), { labels: ["test"], print: quiet, pollMs: 500, ...options });
    agents.push(agent);
    await agent.start();
    return agent;
  };

  it("leaves a Prefect 1 Python client's run (Local storage, UniversalRun) Scheduled while it runs the Tern run queued after it", async () => {
    const python = await createRun(stack, await createFlow(stack, { ...PREFECT_HELLO, name: "python-hello" }), new Date(Date.now() - 60_000));
    const agent = await startAgent();
    const tern = await createRun(stack, hello.flowId, new Date());
    expect((await stack.waitForFinish(tern)).state).toBe("Success");
    expect(await runState(stack, python)).toBe("Scheduled");
    await agent.stop();
  });

  it("runs the Tern run while a Prefect 1 Python agent polling the same labels is offered only the Python run", async () => {
    const prefect = { "X-PREFECT-CORE-VERSION": "1.4.1" };
    const pythonAgent = (await gql(stack, `mutation { register_agent(input: { type: "LocalAgent", name: "python-agent", labels: ["test"] }) { id } }`, {}, prefect)).register_agent.id;
    const pythonQueue = async () =>
      (await gql(stack, `mutation($input: get_runs_in_queue_input!) { get_runs_in_queue(input: $input) { flow_run_ids } }`, { input: { labels: ["test"], before: new Date().toISOString() } }, { ...prefect, "X-PREFECT-AGENT-ID": pythonAgent }))
        .get_runs_in_queue.flow_run_ids as string[];
    const python = await createRun(stack, await createFlow(stack, { ...PREFECT_HELLO, name: "python-polled" }), new Date(Date.now() - 60_000));
    const tern = await createRun(stack, hello.flowId, new Date(Date.now() - 60_000));
    const offered = new Set(await pythonQueue());
    const agent = await startAgent();
    const finished = stack.waitForFinish(tern);
    let done = false;
    void finished.finally(() => (done = true));
    // The Python agent keeps polling, as it would, until the Tern agent has run its run.
    while (!done) {
      for (const id of await pythonQueue()) offered.add(id);
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    expect((await finished).state).toBe("Success");
    for (const id of await pythonQueue()) offered.add(id);
    expect(offered).toContain(python);
    expect(offered).not.toContain(tern);
    expect(await runState(stack, python)).toBe("Scheduled");
    await agent.stop();
  });

  it("leaves a Git-storage run Scheduled without --allow-storage git, and with it when the repository is outside its --git-prefix", async () => {
    const gitFlow = await createFlow(stack, {
      ...hello.serialized,
      name: "git-hello",
      storage: { type: "Git", repo: "https://example.invalid/other/flows.git", ref: "main", path: "hello-flow.ts", flow_name: "hello-flow", __version__: "0.1.0" },
    });
    const git = await createRun(stack, gitFlow, new Date(Date.now() - 60_000));
    const policies: Pick<AgentOptions, "allowStorage" | "gitPrefixes">[] = [{}, { allowStorage: ["local", "git"], gitPrefixes: ["https://example.invalid/org/"] }];
    for (const policy of policies) {
      const agent = await startAgent(policy);
      const tern = await createRun(stack, hello.flowId, new Date());
      expect((await stack.waitForFinish(tern)).state).toBe("Success");
      expect(await runState(stack, git)).toBe("Scheduled");
      await agent.stop();
    }
  });
});

describe.each(testDialects())("the flow-run heartbeat follows the server's zombie timeout, on %s", { timeout: 60_000 }, (dialect) => {
  let stack: TestStack;
  let agent: LocalAgent | undefined;
  beforeAll(async () => {
    stack = await startTestStack({ dialect, server: { zombieTimeoutSeconds: 3 } });
    process.env.TERN_HOME = stack.home;
  }, 60_000);
  afterAll(async () => {
    await agent?.stop();
    await stack?.close();
  });

  it("a 3 s zombie timeout does not fail a healthy run that takes longer (warm engine)", async () => {
    const { flowId } = await stack.register(join(FIXTURES, "slow-flow.ts"));
    agent = new LocalAgent(new TernClient({ api: stack.server.graphqlUrl }), new WarmPoolLauncher({ size: 1 }), { labels: ["test"], print: quiet, pollMs: 500 });
    await agent.start();
    expect(agent.engineHeartbeatMs).toBe(750);
    const id = await stack.createRun(flowId);
    expect(await stack.waitForFinish(id, 30_000)).toEqual({ state: "Success", state_message: "All reference tasks succeeded." });
  });
});

/** Engines that never get going (a machine too busy to start them): each claimed run stays Submitted with no heartbeat. */
class StalledLauncher implements EngineLauncher {
  private readonly stops: (() => void)[] = [];
  async launch(): Promise<EngineHandle> {
    let stop = () => {};
    const done = new Promise<{ code: number; signal: null; stderr: string }>((resolve) => (stop = () => resolve({ code: 0, signal: null, stderr: "" })));
    this.stops.push(stop);
    return { pid: 0, done, stop };
  }
  async close() {
    for (const stop of this.stops) stop();
  }
}

describe.each(testDialects())("a run whose process starts late, on %s", { timeout: 60_000 }, (dialect) => {
  let stack: TestStack;
  let agent: LocalAgent | undefined;
  // The start window is longer than the zombie window: a Submitted run judged as a zombie would fail first.
  const zombieTimeoutSeconds = 2;
  const startTimeoutSeconds = 3;
  beforeAll(async () => {
    stack = await startTestStack({ dialect, server: { zombieTimeoutSeconds, startTimeoutSeconds } });
    process.env.TERN_HOME = stack.home;
  }, 60_000);
  afterAll(async () => {
    await agent?.stop(0);
    await stack?.close();
  });

  it("is not failed by the zombie killer but rescheduled after the start window, a bounded number of times, then Failed", async () => {
    const { flowId } = await stack.register(join(import.meta.dirname, "../../examples/hello-flow.ts"));
    agent = new LocalAgent(new TernClient({ api: stack.server.graphqlUrl }), new StalledLauncher(), { labels: ["test"], print: quiet, pollMs: 200, maxConcurrent: 8 });
    await agent.start();
    const id = await stack.createRun(flowId);
    expect(await stack.waitForFinish(id, 45_000)).toEqual({ state: "Failed", state_message: startFailedMessage(startTimeoutSeconds) });
    const history = (await gql(stack, `query($id: uuid!) { flow_run_by_pk(id: $id) { times_resurrected states(order_by: { version: asc }) { state message } } }`, { id }))
      .flow_run_by_pk;
    const states = history.states.map((s: { state: string }) => s.state);
    expect(states).toEqual(["Scheduled", ...Array.from({ length: MAX_START_RESCHEDULES }, () => ["Submitted", "Scheduled"]).flat(), "Submitted", "Failed"]);
    expect(history.states.some((s: { message: string | null }) => s.message === ZOMBIE_MESSAGE)).toBe(false);
    expect(history.times_resurrected).toBe(MAX_START_RESCHEDULES);
  });
});
