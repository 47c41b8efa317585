import { CompiledQuery } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestApp, type TestApp } from "../../testing/harness.ts";
import { createFlow, createFlowRun, createProject } from "../mutations/test-helpers.ts";
import { rowsQuery } from "./query.ts";

/**
 * Every agent keeps "the newest Scheduled run" open as a live query, re-run on each flow-run change
 * (src/agent/documents.ts, Agent_newestScheduledRun). Its answer must come from an index in that
 * order, or each re-run reads and sorts the whole queue.
 */
const NEWEST_SCHEDULED = { where: { state: { _eq: "Scheduled" } }, order_by: [{ created: "desc" }], limit: 1 };

describe("the agent's newest Scheduled run on sqlite", () => {
  let app: TestApp;
  let flowId: string;
  beforeAll(async () => {
    app = await createTestApp("sqlite");
    flowId = await createFlow(app, await createProject(app));
  });
  afterAll(() => app.close());

  it("is read from an index in its order, without sorting the queued runs", async () => {
    const compiled = rowsQuery("sqlite", { table: "flow_run", args: NEWEST_SCHEDULED }).compile(app.deps.db);
    const plan = await app.deps.db.executeQuery(CompiledQuery.raw(`EXPLAIN QUERY PLAN ${compiled.sql}`, [...compiled.parameters]));
    const steps = (plan.rows as { detail: string }[]).map((r) => r.detail);
    expect(steps.join("\n")).toMatch(/USING INDEX ix_flow_run_state_created_id \(state=\?\)/);
    expect(steps.join("\n")).not.toMatch(/TEMP B-TREE/);
  });

  it("still answers the newest one, ties broken by id", async () => {
    const ids: string[] = [];
    for (let i = 0; i < 3; i++) ids.push(await createFlowRun(app, { flow_id: flowId }));
    const data = await app.ok(`{ flow_run(where: { state: { _eq: "Scheduled" } }, order_by: { created: desc }, limit: 1) { id } }`);
    const all = await app.ok(`{ flow_run(where: { state: { _eq: "Scheduled" } }) { id created } }`);
    const newest = [...all.flow_run].sort((a: { id: string; created: string }, b: { id: string; created: string }) => b.created.localeCompare(a.created) || a.id.localeCompare(b.id))[0];
    expect(data.flow_run).toEqual([{ id: newest.id }]);
    expect(ids).toContain(newest.id);
  });
});
