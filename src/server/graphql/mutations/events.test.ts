import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import type { TableName } from "../../db/tables.ts";
import type { FeedTopic } from "../../events.ts";
import { testDialects } from "../../db/testing.ts";
import { createTestApp, type TestApp } from "../../testing/harness.ts";
import { createFlow, createFlowRun, createProject, setFlowRunState } from "./test-helpers.ts";

/** Live queries re-run on what services publish, so each mutation must announce the tables it changed. */
describe.each(testDialects())("mutations publish their changes on %s", (kind) => {
  let app: TestApp;
  let seen: Set<FeedTopic>;
  let unsubscribe: () => void;
  beforeAll(async () => {
    app = await createTestApp(kind);
    seen = new Set();
    unsubscribe = app.deps.events.subscribe((tables) => tables.forEach((t) => seen.add(t)));
  });
  afterAll(async () => {
    unsubscribe();
    await app.close();
  });

  const expectPublished = async (tables: TableName[]) => {
    await vi.waitFor(() => expect([...seen]).toEqual(expect.arrayContaining(tables)), { timeout: 5000, interval: 20 });
    seen.clear();
  };

  it("announces projects, flows, runs, states and logs", async () => {
    const projectId = await createProject(app, "events");
    await expectPublished(["project"]);
    const flowId = await createFlow(app, projectId);
    await expectPublished(["flow", "flow_group", "task"]);
    const runId = await createFlowRun(app, { flow_id: flowId });
    await expectPublished(["flow_run", "task_run", "flow_run_state"]);
    await setFlowRunState(app, runId, { type: "Running" }, 1);
    await expectPublished(["flow_run", "flow_run_state"]);
    await app.ok(`mutation($id: UUID!) { write_run_logs(input: {logs: [{flow_run_id: $id, message: "hi"}]}) { success } }`, { id: runId });
    await expectPublished(["log"]);
    await app.ok(`mutation { register_agent(input: {type: "LocalAgent", name: "ev"}) { id } }`);
    await expectPublished(["agent"]);
  });

  it("announces nothing when a mutation fails", async () => {
    seen.clear();
    const failed = await app.gql(`mutation { create_project(input: {name: "events"}) { id } }`);
    expect(failed.errors?.[0].extensions?.code).toBe("UNIQUENESS_VIOLATION");
    const bad = await app.gql(`mutation { set_flow_run_states(input: {states: [{flow_run_id: "00000000-0000-4000-8000-000000000000", state: {type: "Running"}}]}) { states { id } } }`);
    expect(bad.errors).toBeDefined();
    // The feed delivers in order: once a later change to another table arrives, anything the failures
    // had published would be here too.
    await app.ok(`mutation { register_agent(input: {type: "LocalAgent", name: "after"}) { id } }`);
    await vi.waitFor(() => expect(seen.has("agent")).toBe(true), { timeout: 5000, interval: 20 });
    expect([...seen]).toEqual(["agent"]);
  });
});
