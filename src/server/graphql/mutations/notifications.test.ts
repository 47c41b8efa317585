import { createServer, type IncomingMessage, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { testDialects } from "../../db/testing.ts";
import { startNotificationDeliverer } from "../../services/notification-deliverer.ts";
import { createTestApp, type TestApp } from "../../testing/harness.ts";
import { createFlow, createFlowRun, createProject, errorCode, setFlowRunState } from "./test-helpers.ts";

const CREATE = `mutation($input: create_notification_rule_input!) { create_notification_rule(input: $input) { id } }`;
const DELETE = `mutation($id: UUID!) { delete_notification_rule(input: {rule_id: $id}) { success } }`;
const MISSING = "00000000-0000-4000-8000-000000000000";

/** A webhook on 127.0.0.1 that answers each POST with the next status of `statuses` (the last one repeats). */
async function listener(statuses: number[] | "hang"): Promise<{ url: string; bodies: unknown[]; close(): Promise<void> }> {
  const bodies: unknown[] = [];
  const server: Server = createServer((req: IncomingMessage, res) => {
    let text = "";
    req.on("data", (chunk) => {
      text += chunk;
    });
    req.on("end", () => {
      bodies.push(JSON.parse(text));
      if (statuses === "hang") return;
      res.writeHead(statuses[Math.min(bodies.length - 1, statuses.length - 1)]).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/hook`,
    bodies,
    close: () => {
      server.closeAllConnections();
      return new Promise((resolve) => server.close(() => resolve()));
    },
  };
}

describe.each(testDialects())("notification rules and deliveries on %s", (kind) => {
  let app: TestApp;
  let projectId: string;
  let flowId: string;
  let stop: (() => void) | undefined;
  beforeAll(async () => {
    app = await createTestApp(kind);
    projectId = await createProject(app, "notified");
    flowId = await createFlow(app, projectId, { name: "flaky" });
  });
  afterEach(() => {
    stop?.();
    stop = undefined;
  });
  afterAll(() => app.close());

  const deliveries = async (ruleId: string) => (await app.deps.db.selectFrom("notification_delivery").selectAll().where("rule_id", "=", ruleId).execute()) as any[];
  const addRule = async (url: string, states?: string[]) => (await app.ok(CREATE, { input: { project_id: projectId, webhook_url: url, states } })).create_notification_rule.id as string;
  const failRun = async (name: string) => {
    const runId = await createFlowRun(app, { flow_id: flowId, flow_run_name: name });
    const result = await setFlowRunState(app, runId, { type: "Failed", message: "boom" });
    expect(result.errors).toBeUndefined();
    return runId;
  };

  it("creates, lists and deletes rules, with coded errors for bad input", async () => {
    const id = await addRule("https://hooks.example.com/x", ["Failed", "TimedOut"]);
    const listed = await app.ok(`query($id: uuid!) { notification_rule(where: {id: {_eq: $id}}) { states webhook_url project { name } } }`, { id });
    expect(listed.notification_rule).toEqual([{ states: ["Failed", "TimedOut"], webhook_url: "https://hooks.example.com/x", project: { name: "notified" } }]);
    const defaulted = await addRule("http://127.0.0.1:9/y");
    expect((await app.deps.db.selectFrom("notification_rule").select("states").where("id", "=", defaulted).executeTakeFirstOrThrow()).states).toEqual(kind === "sqlite" ? '["Failed"]' : ["Failed"]);

    expect(errorCode(await app.gql(CREATE, { input: { project_id: MISSING, webhook_url: "https://x.example" } }))).toBe("NOT_FOUND");
    expect(errorCode(await app.gql(CREATE, { input: { project_id: projectId, webhook_url: "https://x.example", states: ["Failed", "Exploded"] } }))).toBe("BAD_USER_INPUT");
    for (const url of ["ftp://x.example/", "file:///etc/passwd", "not a url", "javascript:alert(1)", "https://user:pw@x.example/"]) {
      expect(errorCode(await app.gql(CREATE, { input: { project_id: projectId, webhook_url: url } }))).toBe("BAD_USER_INPUT");
    }

    expect((await app.ok(DELETE, { id })).delete_notification_rule.success).toBe(true);
    expect(errorCode(await app.gql(DELETE, { id }))).toBe("NOT_FOUND");
    await app.ok(DELETE, { id: defaulted });
  });

  it("POSTs once, with the payload fields, when a run enters a chosen state; other states send nothing", async () => {
    const hook = await listener([200]);
    const ruleId = await addRule(hook.url, ["Failed"]);
    stop = startNotificationDeliverer(app.deps, { baseUrl: "http://tern.example:4200", pollMs: 50 });
    const runId = await createFlowRun(app, { flow_id: flowId, flow_run_name: "once" });
    expect((await setFlowRunState(app, runId, { type: "Running" })).errors).toBeUndefined();
    expect((await setFlowRunState(app, runId, { type: "Failed", message: "boom" })).errors).toBeUndefined();
    await vi.waitFor(async () => expect((await deliveries(ruleId))[0]?.status).toBe("Delivered"), { timeout: 10_000 });
    expect(hook.bodies).toEqual([
      {
        text: expect.stringContaining("Failed"),
        run_id: runId,
        run_name: "once",
        flow: "flaky",
        project: "notified",
        state: "Failed",
        message: "boom",
        run_url: `http://tern.example:4200/flow-run/${runId}`,
      },
    ]);
    const [row] = await deliveries(ruleId);
    expect([row.attempts, row.response_status, row.flow_run_id, row.state]).toEqual([1, 200, runId, "Failed"]);
    await app.ok(DELETE, { id: ruleId });
    await hook.close();
  });

  it("retries a webhook that answers 500 and delivers once it answers 200", async () => {
    const hook = await listener([500, 200]);
    const ruleId = await addRule(hook.url);
    stop = startNotificationDeliverer(app.deps, { baseUrl: "http://tern.example", pollMs: 50, baseDelayMs: 100 });
    await failRun("retried");
    await vi.waitFor(async () => expect((await deliveries(ruleId))[0]?.status).toBe("Delivered"), { timeout: 10_000 });
    const [row] = await deliveries(ruleId);
    expect([row.attempts, row.response_status, row.last_error]).toEqual([2, 200, null]);
    expect(hook.bodies).toHaveLength(2);
    await app.ok(DELETE, { id: ruleId });
    await hook.close();
  });

  it("ends as a Failed delivery when the webhook never answers or refuses, and the run is unaffected", async () => {
    const hanging = await listener("hang");
    const refusing = await listener([200]);
    await refusing.close();
    const hangRule = await addRule(hanging.url);
    const refuseRule = await addRule(refusing.url);
    stop = startNotificationDeliverer(app.deps, { baseUrl: "http://tern.example", pollMs: 50, baseDelayMs: 20, timeoutMs: 200, maxAttempts: 2 });
    const runId = await failRun("unheard");
    for (const ruleId of [hangRule, refuseRule]) {
      await vi.waitFor(async () => expect((await deliveries(ruleId))[0]?.status).toBe("Failed"), { timeout: 10_000 });
      const [row] = await deliveries(ruleId);
      expect(row.attempts).toBe(2);
      expect(row.last_error).toBeTruthy();
    }
    const run = await app.deps.db.selectFrom("flow_run").select(["state", "state_message"]).where("id", "=", runId).executeTakeFirstOrThrow();
    expect(run).toEqual({ state: "Failed", state_message: "boom" });
    await hanging.close();
  });

  it("records deliveries only for the rule's flow when it names one", async () => {
    const otherFlow = await createFlow(app, projectId, { name: "other" });
    const group = (await app.deps.db.selectFrom("flow").select("flow_group_id").where("id", "=", otherFlow).executeTakeFirstOrThrow()).flow_group_id;
    const flakyGroup = (await app.deps.db.selectFrom("flow").select("flow_group_id").where("id", "=", flowId).executeTakeFirstOrThrow()).flow_group_id;
    const ruleId = (await app.ok(CREATE, { input: { project_id: projectId, flow_group_id: group, webhook_url: "http://127.0.0.1:9/" } })).create_notification_rule.id;
    const flakyRule = (await app.ok(CREATE, { input: { project_id: projectId, flow_group_id: flakyGroup, webhook_url: "http://127.0.0.1:9/" } })).create_notification_rule.id;
    const runId = await failRun("not-this-flow");
    expect(await deliveries(ruleId)).toHaveLength(0);
    expect((await deliveries(flakyRule)).map((d) => [d.flow_run_id, d.state, d.status])).toEqual([[runId, "Failed", "Pending"]]);
    expect(errorCode(await app.gql(CREATE, { input: { project_id: projectId, flow_group_id: MISSING, webhook_url: "http://127.0.0.1:9/" } }))).toBe("NOT_FOUND");
  });
});
