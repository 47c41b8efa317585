import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { createApp } from "../../app.ts";
import { encodeRow } from "../../db/codec.ts";
import { openDatabase } from "../../db/database.ts";
import { testDialects } from "../../db/testing.ts";
import { createChangeFeed } from "../../feed.ts";
import { Metrics } from "../../metrics.ts";
import { createTestApp, type TestApp } from "../../testing/harness.ts";
import { insert, seedFlow } from "../read/fixtures.ts";
import { openLiveStream } from "./sse.ts";

const URL = "http://localhost/graphql";

describe.each(testDialects())("live queries on %s", (kind) => {
  let app: TestApp;
  let flowId: string;

  beforeAll(async () => {
    app = await createTestApp(kind);
    ({ flowId } = await seedFlow(app.deps, "Live", "live-flow"));
  });
  afterAll(() => app?.close());

  it("emits the current result at once, then the changed result after a publish", async () => {
    const live = await openLiveStream(app.yoga.fetch, URL, `subscription($flow: uuid) { flow_run(where: { flow_id: { _eq: $flow } }, order_by: { name: asc }) { name flow { name } } }`, { flow: flowId });
    try {
      expect((await live.next()).data).toEqual({ flow_run: [] });
      await insert(app.deps, "flow_run", [{ flow_id: flowId, name: "first" }]);
      app.deps.events.publish(["flow_run"]);
      expect((await live.next()).data).toEqual({ flow_run: [{ name: "first", flow: { name: "live-flow" } }] });
    } finally {
      await live.close();
    }
  });

  it("stays quiet for unrelated tables and unchanged results, and follows relationships", async () => {
    const [runId] = await insert(app.deps, "flow_run", [{ flow_id: flowId, name: "watched" }]);
    const [taskId] = await insert(app.deps, "task", [{ flow_id: flowId, name: "t" }]);
    const [taskRunId] = await insert(app.deps, "task_run", [{ flow_run_id: runId, task_id: taskId, state: "Pending" }]);
    const live = await openLiveStream(
      app.yoga.fetch,
      URL,
      `subscription($id: uuid!) { flow_run_by_pk(id: $id) { ...Run } } fragment Run on flow_run { name task_runs { state } }`,
      { id: runId },
    );
    try {
      expect((await live.next()).data).toEqual({ flow_run_by_pk: { name: "watched", task_runs: [{ state: "Pending" }] } });
      // Neither of these may produce an event: `log` is not read, and the flow_run change alters nothing.
      app.deps.events.publish(["log"]);
      app.deps.events.publish(["flow_run"]);
      await app.deps.db
        .updateTable("task_run")
        .set(encodeRow("task_run", { state: "Running" }, app.deps.dialect) as never)
        .where("id", "=", taskRunId)
        .execute();
      app.deps.events.publish(["task_run"]);
      expect((await live.next()).data).toEqual({ flow_run_by_pk: { name: "watched", task_runs: [{ state: "Running" }] } });
    } finally {
      await live.close();
    }
  });

  it("keeps aggregates live and counts open live queries", async () => {
    const metrics = new Metrics();
    const yoga = createApp(app.deps, metrics);
    const live = await openLiveStream(yoga.fetch, URL, `subscription { Running: flow_run_aggregate(where: { state: { _eq: "Running" } }) { aggregate { count } } }`);
    expect((await live.next()).data).toEqual({ Running: { aggregate: { count: 0 } } });
    expect(metrics.liveSubscriptions).toBe(1);
    await insert(app.deps, "flow_run", [{ flow_id: flowId, name: "running", state: "Running" }]);
    app.deps.events.publish(["flow_run"]);
    expect((await live.next()).data).toEqual({ Running: { aggregate: { count: 1 } } });
    await live.close();
    await vi.waitFor(() => expect(metrics.liveSubscriptions).toBe(0));
  });

  it("reports errors of the query with codes", async () => {
    const live = await openLiveStream(app.yoga.fetch, URL, `subscription { flow_run(limit: 50000) { id } }`);
    try {
      expect((await live.next()).errors?.[0].extensions?.code).toBe("LIMIT_EXCEEDED");
    } finally {
      await live.close();
    }
  });
});

describe.runIf(testDialects().includes("postgres"))("live queries across servers on postgres", () => {
  let app: TestApp;

  beforeAll(async () => {
    app = await createTestApp("postgres");
  });
  afterAll(() => app?.close());

  it("a change published by one server reaches a live query on another", async () => {
    const opened = await openDatabase(app.deps.config.databaseUrl);
    const events = await createChangeFeed(opened);
    const other = createApp({ ...app.deps, db: opened.db, events }, new Metrics());
    const { flowId } = await seedFlow(app.deps, "Replica", "replica-flow");
    const live = await openLiveStream(other.fetch, URL, `subscription($flow: uuid) { flow_run(where: { flow_id: { _eq: $flow } }) { name } }`, { flow: flowId });
    try {
      expect((await live.next()).data).toEqual({ flow_run: [] });
      await insert(app.deps, "flow_run", [{ flow_id: flowId, name: "from-the-first-server" }]);
      app.deps.events.publish(["flow_run"]);
      expect((await live.next()).data).toEqual({ flow_run: [{ name: "from-the-first-server" }] });
    } finally {
      await live.close();
      await events.close();
      await opened.close();
    }
  });
});
