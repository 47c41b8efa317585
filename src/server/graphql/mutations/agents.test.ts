import { readFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { labelsMatch } from "../../../core/run-labels.ts";
import { decodeRow } from "../../db/codec.ts";
import { insertRows } from "../../services/rows.ts";
import { writeRunState } from "../../services/states.ts";
import { testDialects } from "../../db/testing.ts";
import { createTestApp, type TestApp } from "../../testing/harness.ts";
import { createFlow, createFlowRun, createProject, errorCode, serializedFlow, setFlowRunState } from "./test-helpers.ts";

/** What the Prefect 1 Python client registers for the tutorial's hello-flow (Local storage of a pickled flow, UniversalRun). */
const PREFECT_HELLO = JSON.parse(readFileSync(join(import.meta.dirname, "../../testing/fixtures/prefect1-hello-flow.serialized.json"), "utf8"));

const REGISTER = `mutation($input: register_agent_input!) { register_agent(input: $input) { id } }`;
const QUEUE = `mutation($input: get_runs_in_queue_input!) { get_runs_in_queue(input: $input) { flow_run_ids } }`;

describe("labelsMatch", () => {
  it("needs the run's labels to be a subset of the agent's; unlabelled runs go to unlabelled agents only", () => {
    expect(labelsMatch(["a"], ["a", "b"])).toBe(true);
    expect(labelsMatch(["a", "c"], ["a", "b"])).toBe(false);
    expect(labelsMatch([], [])).toBe(true);
    expect(labelsMatch([], ["a"])).toBe(false);
    expect(labelsMatch(["a"], [])).toBe(false);
  });
});

describe.each(testDialects())("agent mutations on %s", (kind) => {
  let app: TestApp;
  /** A flow Tern's SDK registered: Tern agents claim its runs; get_runs_in_queue never offers them. */
  let flowId: string;
  /** A flow the Prefect 1 Python client registered: the Python agent's get_runs_in_queue hands out its runs. */
  let pythonFlowId: string;
  beforeAll(async () => {
    app = await createTestApp(kind);
    flowId = await createFlow(app, await createProject(app), { labels: [] });
    pythonFlowId = await flowWith({ ...PREFECT_HELLO, run_config: { ...PREFECT_HELLO.run_config, labels: [] } });
  });
  afterAll(() => app.close());

  const flowWith = async (serialized: Record<string, unknown>) =>
    (await app.ok(`mutation($input: create_flow_input!) { create_flow(input: $input) { id } }`, { input: { project_id: await createProject(app, `p-${crypto.randomUUID()}`), serialized_flow: serialized } }))
      .create_flow.id as string;
  const runState = async (id: string) => (await app.deps.db.selectFrom("flow_run").select("state").where("id", "=", id).executeTakeFirstOrThrow()).state;

  const register = async (input: Record<string, unknown>, version = "1.4.1") =>
    (await app.ok(REGISTER, { input }, { "X-PREFECT-CORE-VERSION": version })).register_agent.id as string;
  const queue = async (labels: string[], before?: string, headers?: Record<string, string>) =>
    (await app.ok(QUEUE, { input: { labels, before, tenant_id: app.deps.tenantId } }, headers)).get_runs_in_queue.flow_run_ids as string[];
  const agent = (id: string) => app.deps.db.selectFrom("agent").selectAll().where("id", "=", id).executeTakeFirstOrThrow();
  /** `count` runs of `flow`, Scheduled and due an hour ago with `labels`, written straight to the table (no API round trip each). */
  const queueOlderRuns = async (count: number, flow: string, labels: string[]) => {
    const at = new Date(Date.now() - 3600_000).toISOString();
    const rows = Array.from({ length: count }, () => ({ id: crypto.randomUUID(), tenant_id: app.deps.tenantId, flow_id: flow, labels, state: "Scheduled", state_start_time: at, version: 1 }));
    for (let i = 0; i < rows.length; i += 50) await insertRows(app.deps.db, app.deps.dialect, "flow_run", rows.slice(i, i + 50));
  };

  it("registers once per (name, type, core version, labels) and refreshes last_queried", async () => {
    const a = await register({ type: "LocalAgent", name: "agent", labels: ["vm", "gpu"], agent_config_id: null });
    const first = await agent(a);
    expect([first.name, first.type, first.core_version]).toEqual(["agent", "LocalAgent", "1.4.1"]);
    expect(await register({ type: "LocalAgent", name: "agent", labels: ["gpu", "vm"] })).toBe(a);
    expect(await register({ type: "LocalAgent", name: "agent", labels: ["vm"] })).not.toBe(a);
    expect(await register({ type: "LocalAgent", name: "agent", labels: ["vm", "gpu"] }, "1.4.0")).not.toBe(a);
    expect(await register({ type: "DockerAgent", name: "agent", labels: ["vm", "gpu"] })).not.toBe(a);
  });

  it("queues due runs by label, oldest first, and not future or claimed ones", async () => {
    const t = (offsetS: number) => new Date(Date.now() + offsetS * 1000).toISOString();
    const unlabelled = await createFlowRun(app, { flow_id: pythonFlowId, scheduled_start_time: t(-30) });
    const vm = await createFlowRun(app, { flow_id: pythonFlowId, labels: ["vm"], scheduled_start_time: t(-20) });
    const vmGpu = await createFlowRun(app, { flow_id: pythonFlowId, labels: ["vm", "gpu"], scheduled_start_time: t(-10) });
    const future = await createFlowRun(app, { flow_id: pythonFlowId, labels: ["vm"], scheduled_start_time: t(3600) });
    expect(await queue([])).toEqual([unlabelled]);
    expect(await queue(["vm"])).toEqual([vm]);
    expect(await queue(["gpu", "vm", "extra"])).toEqual([vm, vmGpu]);
    expect(await queue(["vm"], t(7200))).toEqual([vm, future]);
    await setFlowRunState(app, vm, { type: "Submitted" }, 1);
    expect(await queue(["vm"])).toEqual([]);
  });

  it("hands a Running run back when one of its task runs is waiting to retry", async () => {
    const id = await createFlowRun(app, { flow_id: pythonFlowId, labels: ["retry"] });
    await setFlowRunState(app, id, { type: "Running" }, 1);
    expect(await queue(["retry"])).toEqual([]);
    const tr = await app.deps.db.selectFrom("task_run").select("id").where("flow_run_id", "=", id).executeTakeFirstOrThrow();
    const past = new Date(Date.now() - 1000).toISOString();
    const r = await app.gql(`mutation($input: set_task_run_states_input!) { set_task_run_states(input: $input) { states { id } } }`, {
      input: { states: [{ task_run_id: tr.id, state: { type: "Retrying", start_time: past, run_count: 1 } }] },
    });
    expect(r.errors).toBeUndefined();
    expect(await queue(["retry"])).toEqual([id]);
  });

  it("returns at most 25 runs", async () => {
    for (let i = 0; i < 27; i++) await createFlowRun(app, { flow_id: pythonFlowId, labels: ["many"] });
    expect(await queue(["many"])).toHaveLength(25);
  });

  it("finds an agent's run behind more than a page of runs queued for other labels", async () => {
    await queueOlderRuns(520, pythonFlowId, ["elsewhere"]);
    const mine = await createFlowRun(app, { flow_id: pythonFlowId, labels: ["mine"], scheduled_start_time: new Date(Date.now() - 60_000).toISOString() });
    expect(await queue(["mine"])).toEqual([mine]);
  });

  it("updates last_queried from the X-PREFECT-AGENT-ID header and through update_agent_heartbeat", async () => {
    const id = await register({ type: "LocalAgent", name: "poller", labels: [] });
    const old = "2020-01-01T00:00:00.000Z";
    await app.deps.db.updateTable("agent").set({ last_queried: old }).where("id", "=", id).execute();
    await queue([], undefined, { "X-PREFECT-AGENT-ID": id });
    const polled = new Date((await agent(id)).last_queried as never).toISOString();
    expect(polled > old).toBe(true);

    await app.deps.db.updateTable("agent").set({ last_queried: old }).where("id", "=", id).execute();
    const hb = await app.ok(`mutation($id: UUID!) { update_agent_heartbeat(input: {agent_id: $id}) { success } }`, { id });
    expect(hb.update_agent_heartbeat.success).toBe(true);
    expect(new Date((await agent(id)).last_queried as never).toISOString() > old).toBe(true);
    const unknown = await app.gql(`mutation { update_agent_heartbeat(input: {agent_id: "00000000-0000-4000-8000-000000000000"}) { success } }`);
    expect(errorCode(unknown)).toBe("NOT_FOUND");
    // A bogus header must not break polling.
    expect(await queue([], undefined, { "X-PREFECT-AGENT-ID": "not-a-uuid" })).toBeInstanceOf(Array);
  });

  const CLAIM = `mutation($input: claim_flow_runs_input!) { claim_flow_runs(input: $input) { flow_runs { id version } lost } }`;
  const claim = async (agentId: string, labels: string[], limit?: number) =>
    (await app.ok(CLAIM, { input: { labels, limit } }, { "X-PREFECT-AGENT-ID": agentId })).claim_flow_runs as { flow_runs: { id: string; version: number }[]; lost: number };

  it("claim_flow_runs: concurrent agents each get distinct runs, every due run is claimed once, Submitted to its agent", async () => {
    const past = new Date(Date.now() - 60_000).toISOString();
    const runs = await Promise.all(Array.from({ length: 12 }, () => createFlowRun(app, { flow_id: flowId, labels: ["claim"], scheduled_start_time: past })));
    const agents = await Promise.all([0, 1, 2].map((i) => register({ type: "LocalAgent", name: `claimer-${i}`, labels: ["claim"] })));
    const answers = await Promise.all([...agents, ...agents].map((id) => claim(id, ["claim"], 5)));
    const claimed = answers.flatMap((a) => a.flow_runs.map((r) => r.id));
    expect(answers.every((a) => a.flow_runs.length <= 5)).toBe(true);
    expect(claimed.sort()).toEqual([...runs].sort());
    const rows = await app.deps.db.selectFrom("flow_run").select(["id", "state", "agent_id", "version"]).where("id", "in", runs).execute();
    for (const [i, answer] of answers.entries()) {
      for (const run of answer.flow_runs) expect(rows.find((r) => r.id === run.id)).toMatchObject({ state: "Submitted", agent_id: [...agents, ...agents][i], version: run.version });
    }
    const submitted = await app.deps.db.selectFrom("flow_run_state").select("flow_run_id").where("flow_run_id", "in", runs).where("state", "=", "Submitted").execute();
    expect(submitted).toHaveLength(runs.length);
    expect((await claim(agents[0], ["claim"])).flow_runs).toEqual([]);
  });

  it("claim_flow_runs finds an agent's runs behind more due runs for other labels than its first pages read", async () => {
    // The first page is a few times the limit and each next one four times larger: 150 older runs
    // for other labels fill the first two pages (32, then 128 rows for limit 1).
    await queueOlderRuns(150, flowId, ["not-mine"]);
    const past = new Date(Date.now() - 60_000).toISOString();
    const mine = [await createFlowRun(app, { flow_id: flowId, labels: ["behind"], scheduled_start_time: past }), await createFlowRun(app, { flow_id: flowId, labels: ["behind"], scheduled_start_time: past })];
    const agent = await register({ type: "LocalAgent", name: "behind", labels: ["behind"] });
    const first = await claim(agent, ["behind"], 1);
    const second = await claim(agent, ["behind"], 1);
    expect([...first.flow_runs, ...second.flow_runs].map((r) => r.id).sort()).toEqual([...mine].sort());
    expect((await claim(agent, ["behind"], 1)).flow_runs).toEqual([]);
  });

  it("claim_flow_runs answers with each claimed run as the read API shows it after the claim (the engine's first read)", async () => {
    const id = await createFlowRun(app, { flow_id: flowId, labels: ["handoff"], scheduled_start_time: new Date(Date.now() - 60_000).toISOString() });
    const agentId = await register({ type: "LocalAgent", name: "handoff", labels: ["handoff"] });
    const answer = await app.ok(
      `mutation($input: claim_flow_runs_input!) { claim_flow_runs(input: $input) { flow_runs { id version flow_run { id state version task_runs { id version } } } } }`,
      { input: { labels: ["handoff"] } },
      { "X-PREFECT-AGENT-ID": agentId },
    );
    const [claimed] = answer.claim_flow_runs.flow_runs;
    const taskRuns = await app.deps.db.selectFrom("task_run").select(["id", "version"]).where("flow_run_id", "=", id).execute();
    expect(claimed.flow_run).toEqual({ id, state: "Submitted", version: claimed.version, task_runs: taskRuns });
  });

  it("claim_flow_runs with start: racing agents each start distinct runs; each run's history is Submitted then Running, once, to its agent", async () => {
    const past = new Date(Date.now() - 60_000).toISOString();
    const runs = await Promise.all(Array.from({ length: 8 }, () => createFlowRun(app, { flow_id: flowId, labels: ["start"], scheduled_start_time: past })));
    const agents = await Promise.all([0, 1].map((i) => register({ type: "LocalAgent", name: `starter-${i}`, labels: ["start"] })));
    const START = `mutation($input: claim_flow_runs_input!) { claim_flow_runs(input: $input) { flow_runs { id version flow_run { state version start_time } } lost } }`;
    const answers = await Promise.all(
      [...agents, ...agents].map(async (agentId) => ({
        agentId,
        runs: (await app.ok(START, { input: { labels: ["start"], limit: 3, start: 3 } }, { "X-PREFECT-AGENT-ID": agentId })).claim_flow_runs.flow_runs as {
          id: string;
          version: number;
          flow_run: { state: string; version: number; start_time: string | null };
        }[],
      })),
    );
    const claimed = answers.flatMap((a) => a.runs.map((r) => r.id));
    expect(claimed.sort()).toEqual([...runs].sort());
    const rows = await app.deps.db.selectFrom("flow_run").select(["id", "state", "agent_id", "version"]).where("id", "in", runs).execute();
    for (const answer of answers) {
      for (const run of answer.runs) {
        expect(run.flow_run).toMatchObject({ state: "Running", version: run.version });
        expect(run.flow_run.start_time).not.toBeNull();
        expect(rows.find((r) => r.id === run.id)).toMatchObject({ state: "Running", agent_id: answer.agentId, version: run.version });
      }
    }
    const history = await app.deps.db.selectFrom("flow_run_state").select(["flow_run_id", "state"]).where("flow_run_id", "in", runs).orderBy("timestamp").execute();
    for (const id of runs) expect(history.filter((h) => h.flow_run_id === id).map((h) => h.state)).toEqual(["Scheduled", "Submitted", "Running"]);
  });

  it("claim_flow_runs starts only `start` of the runs it claims (the rest stay Submitted), and refuses a start past the limit", async () => {
    const past = new Date(Date.now() - 60_000).toISOString();
    const runs = await Promise.all(Array.from({ length: 3 }, () => createFlowRun(app, { flow_id: flowId, labels: ["some"], scheduled_start_time: past })));
    const agentId = await register({ type: "LocalAgent", name: "some-starter", labels: ["some"] });
    const START = `mutation($input: claim_flow_runs_input!) { claim_flow_runs(input: $input) { flow_runs { id flow_run { state } } } }`;
    const refused = await app.gql(START, { input: { labels: ["some"], limit: 2, start: 3 } }, { "X-PREFECT-AGENT-ID": agentId });
    expect(refused.errors?.[0]?.extensions?.code).toBe("BAD_USER_INPUT");
    const answer = (await app.ok(START, { input: { labels: ["some"], limit: 3, start: 1 } }, { "X-PREFECT-AGENT-ID": agentId })).claim_flow_runs.flow_runs as {
      id: string;
      flow_run: { state: string };
    }[];
    expect(answer.map((r) => r.id).sort()).toEqual([...runs].sort());
    expect(answer.map((r) => r.flow_run.state).sort()).toEqual(["Running", "Submitted", "Submitted"]);
  });

  it("claim_flow_runs under an agent id this server does not know claims the run for no agent", async () => {
    const id = await createFlowRun(app, { flow_id: flowId, labels: ["stranger"], scheduled_start_time: new Date(Date.now() - 60_000).toISOString() });
    const answer = await claim(crypto.randomUUID(), ["stranger"], 1);
    expect(answer.flow_runs.map((r) => r.id)).toEqual([id]);
    expect(await app.deps.db.selectFrom("flow_run").select(["state", "agent_id"]).where("id", "=", id).executeTakeFirst()).toEqual({ state: "Submitted", agent_id: null });
  });

  it("a claim that starts from a run as read before another writer moved it loses on the version and writes nothing", async () => {
    const id = await createFlowRun(app, { flow_id: flowId, labels: ["stale"], scheduled_start_time: new Date(Date.now() - 60_000).toISOString() });
    const read = await app.deps.db.selectFrom("flow_run").select(["id", "tenant_id", "version", "state", "state_timestamp", "start_time", "end_time"]).where("id", "=", id).executeTakeFirstOrThrow();
    const known = decodeRow("flow_run", read);
    expect(errorCode(await setFlowRunState(app, id, { type: "Scheduled" }, known.version))).toBeUndefined();
    const stale = app.deps.db.transaction().execute((tx) =>
      writeRunState(tx, app.deps.dialect, "flow_run", id, { state: { type: "Submitted" }, version: known.version, known: { ...known } }),
    );
    await expect(stale).rejects.toMatchObject({ extensions: { code: "VERSION_LOCKING_ERROR" } });
    const history = await app.deps.db.selectFrom("flow_run_state").select("state").where("flow_run_id", "=", id).orderBy("timestamp").execute();
    expect(history.map((h) => h.state)).toEqual(["Scheduled", "Scheduled"]);
    expect(await runState(id)).toBe("Scheduled");
  });

  it("claim_flow_runs refuses a limit outside 1..25 with BAD_USER_INPUT and claims nothing", async () => {
    const limited = await createFlowRun(app, { flow_id: flowId, labels: ["limit"], scheduled_start_time: new Date(Date.now() - 60_000).toISOString() });
    for (const limit of [0, 26, -1]) {
      const answer = await app.gql(CLAIM, { input: { labels: ["limit"], limit } });
      expect(errorCode(answer)).toBe("BAD_USER_INPUT");
    }
    expect(await runState(limited)).toBe("Scheduled");
  });

  const due = () => new Date(Date.now() - 60_000).toISOString();

  it("claim_flow_runs leaves a Prefect 1 Python client's flow run Scheduled for a Python agent, whose get_runs_in_queue still finds it", async () => {
    const pythonFlow = await flowWith(PREFECT_HELLO);
    const id = await createFlowRun(app, { flow_id: pythonFlow, labels: ["py"], scheduled_start_time: due() });
    const tern = await register({ type: "LocalAgent", name: "tern", labels: ["py"] });
    expect((await claim(tern, ["py"])).flow_runs).toEqual([]);
    expect(await runState(id)).toBe("Scheduled");
    expect(await queue(["py"])).toEqual([id]);
  });

  it("each kind of agent is offered only runs it can execute: get_runs_in_queue the Python run, claim_flow_runs the Tern run", async () => {
    const ternRun = await createFlowRun(app, { flow_id: flowId, labels: ["host"], scheduled_start_time: due() });
    const pythonRun = await createFlowRun(app, { flow_id: pythonFlowId, labels: ["host"], scheduled_start_time: due() });
    const pythonAgent = await register({ type: "LocalAgent", name: "python-host", labels: ["host"] });
    const ternAgent = await register({ type: "LocalAgent", name: "tern-host", labels: ["host"] });
    expect(await queue(["host"], undefined, { "X-PREFECT-AGENT-ID": pythonAgent, "X-PREFECT-CORE-VERSION": "1.4.1" })).toEqual([pythonRun]);
    expect(await runState(ternRun)).toBe("Scheduled");
    expect((await claim(ternAgent, ["host"])).flow_runs.map((r) => r.id)).toEqual([ternRun]);
    expect(await runState(pythonRun)).toBe("Scheduled");
    expect(await queue(["host"], undefined, { "X-PREFECT-AGENT-ID": pythonAgent, "X-PREFECT-CORE-VERSION": "1.4.1" })).toEqual([pythonRun]);
  });

  it("get_runs_in_queue does not hand a Tern run with a task run waiting to retry to the Python agent", async () => {
    const id = await createFlowRun(app, { flow_id: flowId, labels: ["tern-retry"] });
    await setFlowRunState(app, id, { type: "Running" }, 1);
    const tr = await app.deps.db.selectFrom("task_run").select("id").where("flow_run_id", "=", id).executeTakeFirstOrThrow();
    await app.ok(`mutation($input: set_task_run_states_input!) { set_task_run_states(input: $input) { states { id } } }`, {
      input: { states: [{ task_run_id: tr.id, state: { type: "Retrying", start_time: due(), run_count: 1 } }] },
    });
    expect(await queue(["tern-retry"])).toEqual([]);
  });

  it("get_runs_in_queue finds the Python agent's run behind more than a page of Tern runs on the same labels", async () => {
    const at = new Date(Date.now() - 3600_000).toISOString();
    const rows = Array.from({ length: 520 }, () => ({
      id: crypto.randomUUID(),
      tenant_id: app.deps.tenantId,
      flow_id: flowId,
      labels: ["crowded"],
      state: "Scheduled",
      state_start_time: at,
      version: 1,
    }));
    for (let i = 0; i < rows.length; i += 100) await insertRows(app.deps.db, app.deps.dialect, "flow_run", rows.slice(i, i + 100));
    const mine = await createFlowRun(app, { flow_id: pythonFlowId, labels: ["crowded"], scheduled_start_time: due() });
    expect(await queue(["crowded"])).toEqual([mine]);
  });

  it("claim_flow_runs takes a Git-storage run only from an agent that allows Git, and only from its repository prefixes", async () => {
    const repo = "https://example.invalid/other/flows.git";
    const gitFlow = await flowWith({ ...serializedFlow(), type: "tern.Flow", storage: { type: "Git", repo, ref: "main", path: "flows/a.ts", flow_name: "hello-flow" } });
    const id = await createFlowRun(app, { flow_id: gitFlow, labels: ["git"], scheduled_start_time: due() });
    const agentId = await register({ type: "LocalAgent", name: "git", labels: ["git"] });
    const claimWith = async (storage: string[], git_prefixes?: string[]) =>
      (await app.ok(CLAIM, { input: { labels: ["git"], storage, git_prefixes } }, { "X-PREFECT-AGENT-ID": agentId })).claim_flow_runs.flow_runs as { id: string }[];
    expect(await claimWith(["local"])).toEqual([]);
    expect(await claimWith(["local", "git"], ["https://example.invalid/org/"])).toEqual([]);
    expect(await runState(id)).toBe("Scheduled");
    expect((await claimWith(["local", "git"], ["https://example.invalid/org/", "https://example.invalid/other/"])).map((r) => r.id)).toEqual([id]);
  });

  it("claim_flow_runs refuses an unknown storage kind with BAD_USER_INPUT", async () => {
    expect(errorCode(await app.gql(CLAIM, { input: { labels: ["x"], storage: ["s3"] } }))).toBe("BAD_USER_INPUT");
  });

  it("register_agent tells the agent the flow-run heartbeat derived from the zombie timeout", async () => {
    const heartbeat = async () =>
      (await app.ok(`mutation { register_agent(input: {type: "LocalAgent", name: "hb"}) { id flow_run_heartbeat_seconds } }`)).register_agent.flow_run_heartbeat_seconds;
    expect(await heartbeat()).toBe(10);
    app.deps.config.zombieTimeoutSeconds = 3;
    try {
      expect(await heartbeat()).toBe(0.75);
    } finally {
      app.deps.config.zombieTimeoutSeconds = 60;
    }
  });
});
