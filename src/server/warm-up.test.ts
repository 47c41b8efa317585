import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { createApp, type TernYoga } from "./app.ts";
import type { ChangeFeed } from "./events.ts";
import { Metrics } from "./metrics.ts";
import { createTestApp, type TestApp } from "./testing/harness.ts";
import { testDialects } from "./db/testing.ts";
import { createFlow, createFlowRun, createProject } from "./graphql/mutations/test-helpers.ts";
import { firstResult, WARM_UP_LIVE_QUERIES, warmUpServer } from "./warm-up.ts";

describe.each(testDialects())("server warm-up on %s", (kind) => {
  let app: TestApp;
  let yoga: TernYoga;
  const metrics = new Metrics();
  beforeAll(async () => {
    app = await createTestApp(kind);
    yoga = createApp(app.deps, metrics);
  });
  afterAll(() => app?.close());

  it("answers each of its live queries without errors, on an empty database and on one with a run", async () => {
    for (const { query, variables } of WARM_UP_LIVE_QUERIES) expect(await firstResult(yoga, query, variables), query).toBe(true);
    const flowId = await createFlow(app, await createProject(app, "warm-up"));
    await createFlowRun(app, { flow_id: flowId });
    for (const { query, variables } of WARM_UP_LIVE_QUERIES) expect(await firstResult(yoga, query, variables), query).toBe(true);
  });

  it("leaves no live query open, and shows nothing in /metrics", async () => {
    // Each live query listens to the change feed until it ends: count the listeners.
    let listening = 0;
    let listened = 0;
    const events: ChangeFeed = {
      ...app.deps.events,
      subscribe(listener) {
        listening++;
        listened++;
        const unsubscribe = app.deps.events.subscribe(listener);
        return () => {
          listening--;
          unsubscribe();
        };
      },
    };
    const counted = createApp({ ...app.deps, events }, metrics);
    const before = { requests: metrics.requests, errors: metrics.requestErrors, live: metrics.liveSubscriptions };
    const warm = warmUpServer(counted, { auth: false, delayMs: 0 });
    expect(await warm.done).toBeGreaterThanOrEqual(WARM_UP_LIVE_QUERIES.length);
    expect(listened).toBe(await warm.done);
    expect(listening).toBe(0);
    expect({ requests: metrics.requests, errors: metrics.requestErrors, live: metrics.liveSubscriptions }).toEqual(before);
  });
});

describe("when the server warms up", () => {
  const spied = () => {
    const getEnveloped = vi.fn(() => {
      throw new Error("not a real app");
    });
    return { yoga: { getEnveloped } as unknown as TernYoga, getEnveloped };
  };

  it("not before its delay: /healthz and a first request are answered first", async () => {
    const { yoga, getEnveloped } = spied();
    const warm = warmUpServer(yoga, { auth: false, delayMs: 50 });
    // Everything a start-up does in its own turns after listening comes before the warm-up's first query.
    await new Promise((resolve) => setImmediate(resolve));
    expect(getEnveloped).not.toHaveBeenCalled();
    await warm.done;
    expect(getEnveloped).toHaveBeenCalled();
  });

  it("not at all with --auth, and not once stopped (a closing server)", async () => {
    const withAuth = spied();
    expect(await warmUpServer(withAuth.yoga, { auth: true, delayMs: 0 }).done).toBe(0);
    const stopped = spied();
    const warm = warmUpServer(stopped.yoga, { auth: false, delayMs: 60_000 });
    warm.stop();
    expect(await warm.done).toBe(0);
    expect([withAuth.getEnveloped, stopped.getEnveloped].map((f) => f.mock.calls.length)).toEqual([0, 0]);
  });
});
