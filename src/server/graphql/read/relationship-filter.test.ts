import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { testDialects } from "../../db/testing.ts";
import { createTestApp, type TestApp } from "../../testing/harness.ts";
import { insert, seedFlow } from "./fixtures.ts";

/** Filters through an object relationship (`flow_run.flow`, `flow_run.agent`), including null keys. */
describe.each(testDialects())("object-relationship filters on %s", (kind) => {
  let app: TestApp;
  const names = async (where: string) => ((await app.ok(`{ flow_run(where: ${where}, order_by: { name: asc }) { name } }`)).flow_run as { name: string }[]).map((r) => r.name);

  beforeAll(async () => {
    app = await createTestApp(kind);
    const a = await seedFlow(app.deps, "alpha", "flow-a");
    const b = await seedFlow(app.deps, "beta", "flow-b");
    const [agent] = await insert(app.deps, "agent", [{ name: "worker", labels: [] }]);
    await insert(app.deps, "flow_run", [
      { flow_id: a.flowId, name: "a1", agent_id: agent },
      { flow_id: a.flowId, name: "a2", agent_id: null },
      { flow_id: b.flowId, name: "b1", agent_id: null },
    ]);
  });
  afterAll(() => app?.close());

  it("keeps rows whose related row matches", async () => {
    expect(await names(`{ flow: { name: { _eq: "flow-a" } } }`)).toEqual(["a1", "a2"]);
    expect(await names(`{ flow: { project: { name: { _eq: "beta" } } } }`)).toEqual(["b1"]);
    expect(await names(`{ agent: { name: { _eq: "worker" } } }`)).toEqual(["a1"]);
  });

  it("under _not, keeps rows with no related row at all (a null key), as NOT EXISTS does", async () => {
    expect(await names(`{ _not: { agent: { name: { _eq: "worker" } } } }`)).toEqual(["a2", "b1"]);
    expect(await names(`{ _not: { flow: { name: { _eq: "flow-a" } } } }`)).toEqual(["b1"]);
  });

  it("an empty relationship filter only asks that the related row exists", async () => {
    expect(await names(`{ agent: {} }`)).toEqual(["a1"]);
  });
});
