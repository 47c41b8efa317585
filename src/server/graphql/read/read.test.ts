import type { KyselyPlugin } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createApp } from "../../app.ts";
import { testDialects } from "../../db/testing.ts";
import { Metrics } from "../../metrics.ts";
import { createTestApp, type TestApp } from "../../testing/harness.ts";
import { insert, seedFlow } from "./fixtures.ts";

const EVIL = "O'Brien; DROP TABLE flow_run;--";

describe.each(testDialects())("read API on %s", (kind) => {
  let app: TestApp;
  const ids: Record<string, string> = {};

  beforeAll(async () => {
    app = await createTestApp(kind);
    const d = app.deps;
    const a = await seedFlow(d, "Alpha", "hello-flow");
    const b = await seedFlow(d, "Beta", "ETL Flow");
    const [oldFlow] = await insert(d, "flow", [{ project_id: a.projectId, flow_group_id: a.flowGroupId, name: "old-flow", archived: true }]);
    Object.assign(ids, { alpha: a.projectId, beta: b.projectId, fA: a.flowId, fB: b.flowId, fC: oldFlow });
    const [r1, r2, r3, r4, r5] = await insert(d, "flow_run", [
      { flow_id: a.flowId, name: "r1", state: "Success", labels: ["a", "b"], scheduled_start_time: "2026-01-01T00:00:00.000Z", start_time: "2026-01-01T10:00:00.000Z" },
      { flow_id: a.flowId, name: "r2", state: "Failed", scheduled_start_time: "2026-01-02T00:00:00.000Z", start_time: "2026-01-02T10:00:00.000Z" },
      { flow_id: a.flowId, name: "r3", state: "Scheduled", scheduled_start_time: "2026-01-03T00:00:00.000Z", start_time: null },
      { flow_id: b.flowId, name: "r4", state: "Failed", scheduled_start_time: "2026-01-04T00:00:00.000Z", start_time: "2026-01-04T10:00:00.000Z" },
      { flow_id: b.flowId, name: EVIL, state: "Running", scheduled_start_time: "2026-01-05T00:00:00.000Z", start_time: "2026-01-05T10:00:00.000Z" },
    ]);
    Object.assign(ids, { r1, r2, r3, r4, r5 });
    const [t1, t2] = await insert(d, "task", [
      { flow_id: a.flowId, name: "extract", slug: "extract-1" },
      { flow_id: a.flowId, name: "load", slug: "load-1" },
    ]);
    Object.assign(ids, { t1, t2 });
    await insert(d, "edge", [{ flow_id: a.flowId, upstream_task_id: t1, downstream_task_id: t2 }]);
    await insert(d, "task_run", [
      { flow_run_id: r1, task_id: t1, state: "Success" },
      { flow_run_id: r1, task_id: t2, state: "Success" },
      { flow_run_id: r2, task_id: t1, state: "Success" },
      { flow_run_id: r2, task_id: t2, state: "Failed" },
    ]);
  });
  afterAll(() => app?.close());

  const names = (rows: { name: string }[]) => rows.map((r) => r.name);
  const runs = async (args: string) => names((await app.ok(`{ flow_run(${args}) { name } }`)).flow_run).sort();

  it("answers hello, api, reference_data and the Prefect helper queries", async () => {
    const data = await app.ok(`{ hello api { backend mode } reference_data { state_hierarchy state_info } mapped_children(task_run_id: "${ids.r1}") { state_counts max_end_time } }`);
    expect(data.hello).toBe("👋");
    expect(data.api).toEqual({ backend: "SERVER", mode: "normal" });
    expect(data.reference_data.state_hierarchy.Failed).toEqual(expect.arrayContaining(["Failed", "TimedOut", "TriggerFailed"]));
    expect(data.reference_data.state_info.Success.color).toMatch(/^#/);
    expect(data.mapped_children).toEqual({ state_counts: {}, max_end_time: null });
  });

  it("collapses null comparisons to no condition, as Hasura does with BOOLEAN_NULL_COLLAPSE", async () => {
    expect(await runs(`where: { flow: { project_id: { _eq: null } }, state: { _in: null }, name: { _ilike: null } }`)).toHaveLength(5);
    expect(await runs(`where: { _and: [{ flow: { project_id: { _eq: "${ids.beta}" } } }, { state: { _eq: null } }] }`)).toEqual([EVIL, "r4"].sort());
    const withVariables = await app.ok(`query($p: uuid, $s: [String!]) { flow_run(where: { flow: { project_id: { _eq: $p } }, state: { _in: $s } }) { id } }`, { p: null, s: null });
    expect(withVariables.flow_run).toHaveLength(5);
  });

  it("combines _and, _or and _not", async () => {
    expect(await runs(`where: { _or: [{ state: { _eq: "Success" } }, { state: { _eq: "Running" } }] }`)).toEqual([EVIL, "r1"].sort());
    expect(await runs(`where: { _not: { state: { _eq: "Failed" } } }`)).toEqual([EVIL, "r1", "r3"].sort());
    expect(await runs(`where: { _and: [{ state: { _eq: "Failed" } }, { flow: { name: { _eq: "ETL Flow" } } }] }`)).toEqual(["r4"]);
    expect(await runs(`where: { state: { _in: ["Success", "Failed"], _nin: ["Failed"] } }`)).toEqual(["r1"]);
    expect(await runs(`where: { state: { _in: [] } }`)).toEqual([]);
    expect(await runs(`where: { start_time: { _is_null: true } }`)).toEqual(["r3"]);
  });

  it("filters through object relationships and through array relationships (EXISTS)", async () => {
    expect(await runs(`where: { flow: { project: { name: { _eq: "Beta" } } } }`)).toEqual([EVIL, "r4"].sort());
    expect(await runs(`where: { task_runs: { state: { _eq: "Failed" } } }`)).toEqual(["r2"]);
    const projects = await app.ok(`{ project(where: { flows: { archived: { _eq: true } } }) { name } }`);
    expect(names(projects.project)).toEqual(["Alpha"]);
  });

  it("matches _ilike case-insensitively and _like case-sensitively", async () => {
    const ilike = await app.ok(`{ flow(where: { name: { _ilike: "%FLOW%" } }) { name } }`);
    expect(names(ilike.flow).sort()).toEqual(["ETL Flow", "hello-flow", "old-flow"]);
    const like = await app.ok(`{ flow(where: { name: { _like: "%Flow" } }) { name } }`);
    expect(names(like.flow)).toEqual(["ETL Flow"]);
    const nilike = await app.ok(`{ flow(where: { name: { _nilike: "%ETL%" } }) { name } }`);
    expect(names(nilike.flow).sort()).toEqual(["hello-flow", "old-flow"]);
  });

  it("compares timestamps by instant, whatever their spelling", async () => {
    expect(await runs(`where: { scheduled_start_time: { _gte: "2026-01-03T00:00:00Z" } }`)).toEqual([EVIL, "r3", "r4"].sort());
    expect(await runs(`where: { scheduled_start_time: { _gte: "2026-01-03T01:00:00+01:00", _lt: "2026-01-05T00:00:00.000Z" } }`)).toEqual(["r3", "r4"]);
  });

  it("decodes JSON and booleans, and filters on them", async () => {
    const data = await app.ok(`{ flow_run(where: { labels: { _eq: ["a", "b"] } }) { name labels } flow(where: { archived: { _eq: false } }) { name archived } }`);
    expect(data.flow_run).toEqual([{ name: "r1", labels: ["a", "b"] }]);
    expect(data.flow.map((f: { archived: boolean }) => f.archived)).toEqual([false, false]);
  });

  it("orders by nested object relationships, lists of orders, and null placement", async () => {
    const nested = await app.ok(`{ flow_run(order_by: [{ flow: { name: desc } }, { scheduled_start_time: asc }]) { name } }`);
    expect(names(nested.flow_run)).toEqual(["r1", "r2", "r3", "r4", EVIL]);
    const order = async (dir: string) => names((await app.ok(`{ flow_run(order_by: { start_time: ${dir} }) { name } }`)).flow_run);
    expect(await order("asc")).toEqual(["r1", "r2", "r4", EVIL, "r3"]);
    expect(await order("asc_nulls_first")).toEqual(["r3", "r1", "r2", "r4", EVIL]);
    expect(await order("desc")).toEqual(["r3", EVIL, "r4", "r2", "r1"]);
    expect(await order("desc_nulls_last")).toEqual([EVIL, "r4", "r2", "r1", "r3"]);
    const byCount = await app.ok(`{ flow_run(order_by: [{ task_runs_aggregate: { count: desc } }, { name: asc }], limit: 2) { name } }`);
    expect(names(byCount.flow_run)).toEqual(["r1", "r2"]);
  });

  it("pages with limit and offset", async () => {
    const data = await app.ok(`{ flow_run(order_by: { scheduled_start_time: asc }, limit: 2, offset: 1) { name } rest: flow_run(order_by: { scheduled_start_time: asc }, offset: 3) { name } }`);
    expect(names(data.flow_run)).toEqual(["r2", "r3"]);
    expect(names(data.rest)).toEqual(["r4", EVIL]);
  });

  it("keeps the first row per distinct_on group, at the root and inside relationships", async () => {
    const data = await app.ok(`{
      flow_run(where: { state: { _in: ["Failed", "Success"] } }, distinct_on: flow_id, order_by: { flow_id: asc, scheduled_start_time: desc }) { name flow_id }
      flow(where: { name: { _eq: "hello-flow" } }) { flow_runs(distinct_on: [state], order_by: [{ state: asc }, { scheduled_start_time: desc }]) { name state } }
    }`);
    expect(names(data.flow_run).sort()).toEqual(["r2", "r4"]);
    expect(data.flow[0].flow_runs).toEqual([
      { name: "r2", state: "Failed" },
      { name: "r3", state: "Scheduled" },
      { name: "r1", state: "Success" },
    ]);
  });

  it("aggregates: count per state with aliases, count of columns, distinct, max and min; nested twins", async () => {
    const data = await app.ok(`{
      Success: flow_run_aggregate(where: { state: { _eq: "Success" } }) { aggregate { count } }
      Failed: flow_run_aggregate(where: { state: { _eq: "Failed" } }) { aggregate { count } }
      all: flow_run_aggregate { aggregate { count started: count(columns: [start_time]) flows: count(columns: [flow_id], distinct: true) max { scheduled_start_time } min { scheduled_start_time name } } }
      paged: flow_run_aggregate(limit: 2) { aggregate { count } nodes { id } }
      project(order_by: { name: asc }) { name active: flows_aggregate(where: { archived: { _eq: false } }) { aggregate { count } } archived: flows_aggregate(where: { archived: { _eq: true } }) { aggregate { count } nodes { name } } }
    }`);
    expect(data.Success.aggregate.count).toBe(1);
    expect(data.Failed.aggregate.count).toBe(2);
    expect(data.all.aggregate).toEqual({
      count: 5,
      started: 4,
      flows: 2,
      max: { scheduled_start_time: "2026-01-05T00:00:00.000000Z" },
      min: { scheduled_start_time: "2026-01-01T00:00:00.000000Z", name: EVIL },
    });
    expect(data.paged.aggregate.count).toBe(2);
    expect(data.paged.nodes).toHaveLength(2);
    expect(data.project).toEqual([
      { name: "Alpha", active: { aggregate: { count: 1 } }, archived: { aggregate: { count: 1 }, nodes: [{ name: "old-flow" }] } },
      { name: "Beta", active: { aggregate: { count: 1 } }, archived: { aggregate: { count: 0 }, nodes: [] } },
    ]);
  });

  it("answers _by_pk with nested relationships, and null for an unknown id", async () => {
    const data = await app.ok(`{
      flow_run_by_pk(id: "${ids.r2}") { name flow { name project { name } } task_runs(order_by: { task: { name: asc } }) { state task { name } } }
      missing: flow_run_by_pk(id: "00000000-0000-0000-0000-000000000000") { id }
    }`);
    expect(data.flow_run_by_pk).toEqual({
      name: "r2",
      flow: { name: "hello-flow", project: { name: "Alpha" } },
      task_runs: [
        { state: "Success", task: { name: "extract" } },
        { state: "Failed", task: { name: "load" } },
      ],
    });
    expect(data.missing).toBeNull();
  });

  it("runs the UI's deepest query (the schematic) within the depth limit", async () => {
    const data = await app.ok(`{ flow_run_by_pk(id: "${ids.r1}") { id task_runs(where: { map_index: { _eq: -1 } }, order_by: { task: { name: asc } }) { id task { name upstream_edges { upstream_task { id name } downstream_task { name } } } } } }`);
    expect(data.flow_run_by_pk.task_runs[1].task).toEqual({ name: "load", upstream_edges: [{ upstream_task: { id: ids.t1, name: "extract" }, downstream_task: { name: "load" } }] });
    expect(data.flow_run_by_pk.task_runs[0].task.upstream_edges).toEqual([]);
  });

  it("refuses documents deeper than the depth limit with DEPTH_LIMIT_EXCEEDED", async () => {
    const result = await app.gql(`{ flow_run { flow { project { flows { flow_runs { flow { project { flows { flow_runs { flow { id } } } } } } } } } } }`);
    expect(result.data).toBeUndefined();
    expect(result.errors?.[0].extensions?.code).toBe("DEPTH_LIMIT_EXCEEDED");
  });

  it("refuses a limit above the row cap with LIMIT_EXCEEDED, at the root and in relationships", async () => {
    const root = await app.gql(`{ flow_run(limit: 10001) { id } }`);
    expect(root.errors?.[0].extensions?.code).toBe("LIMIT_EXCEEDED");
    const nested = await app.gql(`{ flow { flow_runs(limit: 20000) { id } } }`);
    expect(nested.errors?.[0].extensions?.code).toBe("LIMIT_EXCEEDED");
    const negative = await app.gql(`{ flow_run(offset: -1) { id } }`);
    expect(negative.errors?.[0].extensions?.code).toBe("BAD_USER_INPUT");
  });

  it("treats SQL-looking strings as plain values", async () => {
    expect(await runs(`where: { name: { _eq: ${JSON.stringify(EVIL)} } }`)).toEqual([EVIL]);
    expect(await runs(`where: { name: { _ilike: "%' OR 1=1 --%" } }`)).toEqual([]);
    expect(await runs(`where: { state: { _in: ["x') OR ('1'='1"] } }`)).toEqual([]);
    expect(await runs(`where: {}`)).toHaveLength(5);
  });

  it("rejects unknown fields and operators through GraphQL validation", async () => {
    const result = await app.gql(`{ flow_run(where: { nope: { _eq: 1 } }) { id } }`);
    expect(result.errors?.[0].extensions?.code).toBe("GRAPHQL_VALIDATION_FAILED");
    const op = await app.gql(`{ flow_run(where: { state: { _regex: ".*" } }) { id } }`);
    expect(op.errors?.[0].extensions?.code).toBe("GRAPHQL_VALIDATION_FAILED");
  });
});

describe.each(testDialects())("relationship batching on %s", (kind) => {
  let app: TestApp;
  let statements = 0;
  const counter: KyselyPlugin = {
    transformQuery(args) {
      statements++;
      return args.node;
    },
    async transformResult(args) {
      return args.result;
    },
  };

  beforeAll(async () => {
    app = await createTestApp(kind);
    const { flowId } = await seedFlow(app.deps, "Batch", "batch-flow");
    const taskIds = await insert(app.deps, "task", [{ flow_id: flowId, name: "a" }, { flow_id: flowId, name: "b" }, { flow_id: flowId, name: "c" }]);
    const runIds = await insert(app.deps, "flow_run", Array.from({ length: 50 }, (_, i) => ({ flow_id: flowId, name: `run-${i}` })));
    await insert(app.deps, "task_run", runIds.flatMap((flow_run_id) => taskIds.map((task_id) => ({ flow_run_id, task_id, state: "Pending" }))));
  });
  afterAll(() => app?.close());

  it("loads each relationship level with one statement, however many parents", async () => {
    // Every statement on the counted connection: no read pool.
    const yoga = createApp({ ...app.deps, reads: undefined, db: app.deps.db.withPlugin(counter) }, new Metrics());
    const run = async (limit: number) => {
      statements = 0;
      const response = await yoga.fetch("http://localhost/graphql", {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({
          query: `{ flow_run(limit: ${limit}, order_by: { name: asc }) { id flow { name project { name } } task_runs(order_by: { task: { name: asc } }, limit: 2) { id task { name } } states { id } task_runs_aggregate { aggregate { count } } } }`,
        }),
      });
      const body = (await response.json()) as { data: { flow_run: { task_runs: unknown[]; task_runs_aggregate: { aggregate: { count: number } } }[] } };
      expect(body.data.flow_run).toHaveLength(limit);
      for (const row of body.data.flow_run) {
        expect(row.task_runs).toHaveLength(2);
        expect(row.task_runs_aggregate.aggregate.count).toBe(3);
      }
      return statements;
    };
    // The read-cost plugin measures the tables on its first request; that is not the query's cost.
    await run(1);
    const few = await run(5);
    const many = await run(50);
    // flow_run, flow, project, task_runs, task, states, the count: one statement each.
    expect(few).toBe(7);
    expect(many).toBe(7);
  });
});
