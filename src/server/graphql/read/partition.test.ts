import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { testDialects } from "../../db/testing.ts";
import { createTestApp, type TestApp } from "../../testing/harness.ts";
import { insert, seedFlow } from "./fixtures.ts";

/**
 * A page of an array relationship for many parents at once (the dashboard's "last run of each
 * flow"): every parent gets its own page, in order, however many parents a level has.
 */
describe.each(testDialects())("per-parent pages on %s", (kind) => {
  let app: TestApp;
  const PARENTS = 230; // more than one statement's worth of parents

  beforeAll(async () => {
    app = await createTestApp(kind);
    const { projectId, flowGroupId } = await seedFlow(app.deps, "paging", "flow-000");
    const flows = await insert(
      app.deps,
      "flow",
      Array.from({ length: PARENTS - 1 }, (_, i) => ({ project_id: projectId, flow_group_id: flowGroupId, name: `flow-${String(i + 1).padStart(3, "0")}` })),
    );
    const [first] = (await app.ok(`{ flow(where: { name: { _eq: "flow-000" } }) { id } }`)).flow;
    const runs = [first.id, ...flows].flatMap((flowId, f) =>
      // Four runs a flow, one still Scheduled; day i of January, so "newest" is unambiguous.
      [1, 2, 3, 4].map((day) => ({ flow_id: flowId, name: `f${f}-d${day}`, state: day === 4 ? "Scheduled" : "Success", scheduled_start_time: `2026-01-0${day}T00:00:00.000Z` })),
    );
    await insert(app.deps, "flow_run", runs);
  });
  afterAll(() => app?.close());

  it("gives every parent its own newest run, filtered, past one statement's worth of parents", async () => {
    const data = await app.ok(`{ flow(order_by: { name: asc }) { name flow_runs(where: { state: { _neq: "Scheduled" } }, order_by: { scheduled_start_time: desc }, limit: 1) { name } } }`);
    expect(data.flow).toHaveLength(PARENTS);
    data.flow.forEach((flow: { flow_runs: { name: string }[] }, f: number) => expect(flow.flow_runs.map((r) => r.name)).toEqual([`f${f}-d3`]));
  });

  it("applies offset and keeps each parent's page in the requested order", async () => {
    const data = await app.ok(`{ flow(order_by: { name: asc }, limit: 3) { flow_runs(order_by: { scheduled_start_time: asc }, limit: 2, offset: 1) { name } } }`);
    expect(data.flow.map((f: { flow_runs: { name: string }[] }) => f.flow_runs.map((r) => r.name))).toEqual([
      ["f0-d2", "f0-d3"],
      ["f1-d2", "f1-d3"],
      ["f2-d2", "f2-d3"],
    ]);
  });

  it("gives an empty page to a parent with no matching rows", async () => {
    const data = await app.ok(`{ flow(where: { name: { _eq: "flow-007" } }) { flow_runs(where: { state: { _eq: "Failed" } }, limit: 5) { name } } }`);
    expect(data.flow).toEqual([{ flow_runs: [] }]);
  });
});
