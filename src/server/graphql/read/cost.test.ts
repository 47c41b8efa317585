import { parse } from "graphql";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createApp } from "../../app.ts";
import { testDialects } from "../../db/testing.ts";
import { TABLE_NAMES, type TableName } from "../../db/tables.ts";
import { Metrics } from "../../metrics.ts";
import { createTestApp, type TestApp } from "../../testing/harness.ts";
import { openLiveStream } from "../live/sse.ts";
import { estimateReadCost } from "./cost.ts";
import { insert, seedFlow } from "./fixtures.ts";
import type { TableSizes } from "./table-sizes.ts";

const sizes = (overrides: Partial<TableSizes>): TableSizes => ({ ...(Object.fromEntries(TABLE_NAMES.map((t) => [t, 0])) as Record<TableName, number>), ...overrides });
const cost = (query: string, tables: Partial<TableSizes>, variables?: Record<string, unknown>) => estimateReadCost(parse(query), undefined, variables, sizes(tables));

describe("estimated read cost", () => {
  it("counts every alias and fragment spread, and the conditions checked on each row read", () => {
    const one = cost(`{ log_aggregate(where: { message: { _ilike: "%x%" } }) { aggregate { count } } }`, { log: 30_000 });
    expect(one).toBe(60_000);
    const aliases = Array.from({ length: 300 }, (_, i) => `a${i}: log_aggregate(where: { message: { _ilike: "%x%" } }) { aggregate { count } }`).join(" ");
    expect(cost(`{ ${aliases} }`, { log: 30_000 })).toBe(300 * one);
    expect(cost(`{ ...F ...F } fragment F on query_root { log_aggregate(where: { message: { _ilike: "%x%" } }) { aggregate { count } } }`, { log: 30_000 })).toBe(2 * one);
    expect(cost(`query($w: log_bool_exp) { log_aggregate(where: $w) { aggregate { count } } }`, { log: 30_000 }, { w: { _or: [{ message: { _ilike: "a" } }, { message: { _ilike: "b" } }] } })).toBe(90_000);
  });

  it("reads only the matching rows when the filter pins an id or a foreign key", () => {
    // 1,000,000 lines over 100,000 runs: one run's lines are about 10.
    const tables = { log: 1_000_000, flow_run: 100_000 };
    expect(cost(`query($id: uuid) { log(where: { flow_run_id: { _eq: $id } }, limit: 100) { id message } }`, tables, { id: "x" })).toBe(10 * 2 + 10 * 2);
    expect(cost(`{ log(limit: 100) { id } }`, tables)).toBe(1_000_000 + 100);
    expect(cost(`{ flow_run_by_pk(id: "x") { id name } }`, tables)).toBe(2);
  });

  it("follows relationships: each parent row reads its share of the children", () => {
    const tables = { flow_run: 1_000, task_run: 10_000 };
    // 10 flow runs, 10 task runs each (100), one field on each.
    expect(cost(`{ flow_run(limit: 10) { task_runs { id } } }`, tables)).toBe(1_000 + 100 + 100);
  });

  it("leaves out what @skip and @include leave out", () => {
    const one = cost(`{ log_aggregate { aggregate { count } } }`, { log: 1_000 });
    const query = `query($more: Boolean!) { a: log_aggregate { aggregate { count } } b: log_aggregate @include(if: $more) { aggregate { count } } c: log_aggregate @skip(if: $more) { aggregate { count } } }`;
    expect(cost(query, { log: 1_000 }, { more: true })).toBe(2 * one);
    expect(cost(query, { log: 1_000 }, { more: false })).toBe(2 * one);
    expect(cost(`{ a: log_aggregate @include(if: false) { aggregate { count } } b: log_aggregate @skip(if: false) { aggregate { count } } }`, { log: 1_000 })).toBe(one);
  });

  it("costs nothing for a mutation", () => {
    expect(cost(`mutation { delete_project(input: { project_id: "x" }) { success } }`, { project: 1_000_000 })).toBe(0);
  });
});

describe.each(testDialects())("read budget on %s", (kind) => {
  let app: TestApp;
  let tight: ReturnType<typeof createApp>;
  const post = async (body: unknown) => (await tight.fetch("http://localhost/graphql", { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(body) })).json() as Promise<any>;

  beforeAll(async () => {
    app = await createTestApp(kind);
    const { flowId } = await seedFlow(app.deps, "Budget", "budget-flow");
    await insert(app.deps, "flow_run", Array.from({ length: 20 }, (_, i) => ({ flow_id: flowId, name: `run-${i}` })));
    // 20 flow runs: a scan of them with one condition costs 40; the budget takes two.
    tight = createApp({ ...app.deps, config: { ...app.deps.config, readCostBudget: 100 } }, new Metrics());
  });
  afterAll(() => app?.close());

  const scan = `{ flow_run_aggregate(where: { name: { _like: "run-%" } }) { aggregate { count } } }`;

  it("answers reads within the budget and refuses one over it with QUERY_TOO_COSTLY", async () => {
    expect((await post({ query: scan })).data.flow_run_aggregate.aggregate.count).toBe(20);
    const over = await post({ query: `{ a: ${scan.slice(2, -2)} b: ${scan.slice(2, -2)} c: ${scan.slice(2, -2)} }` });
    expect(over.errors.map((e: any) => e.extensions.code)).toEqual(["QUERY_TOO_COSTLY"]);
    expect(over.data).toBeUndefined();
  });

  it("counts the operations of a batch against one budget", async () => {
    const answers = await post([{ query: scan }, { query: scan }, { query: scan }]);
    expect(answers.map((a: any) => a.errors?.[0].extensions.code ?? a.data.flow_run_aggregate.aggregate.count)).toEqual([20, 20, "QUERY_TOO_COSTLY"]);
  });

  it("holds live queries to the budget", async () => {
    // A subscription has one root field: three statements over the scan (count, max, min) cost 120.
    const live = await openLiveStream(tight.fetch, "http://localhost/graphql", `subscription { flow_run_aggregate(where: { name: { _like: "run-%" } }) { aggregate { count max { name } min { name } } } }`);
    try {
      expect((await live.next()).errors?.[0].extensions?.code).toBe("QUERY_TOO_COSTLY");
    } finally {
      await live.close();
    }
  });
});
