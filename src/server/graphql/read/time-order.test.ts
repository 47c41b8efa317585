import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { testDialects } from "../../db/testing.ts";
import { createTestApp, type TestApp } from "../../testing/harness.ts";
import { createFlow, createFlowRun, createProject, setFlowRunState } from "../mutations/test-helpers.ts";

/**
 * Timestamps keep the microseconds a client sent (the Prefect 1 client's are pendulum's), and a run's
 * log lines that share a timestamp read back in the order they were written.
 */
const WRITE = `mutation($input: write_run_logs_input!) { write_run_logs(input: $input) { success } }`;
const SENT = "2026-01-02T03:04:05.123456+00:00";
const STORED = "2026-01-02T03:04:05.123456Z";

describe.each(testDialects())("timestamps and log order on %s", (kind) => {
  let app: TestApp;
  let flowId: string;
  beforeAll(async () => {
    app = await createTestApp(kind);
    flowId = await createFlow(app, await createProject(app));
  });
  afterAll(() => app.close());

  const write = (logs: Record<string, unknown>[]) => app.ok(WRITE, { input: { logs } });

  it("a log line's timestamp reads back with the microseconds the client sent", async () => {
    const runId = await createFlowRun(app, { flow_id: flowId });
    await write([{ flow_run_id: runId, timestamp: SENT, message: "micro" }]);
    const data = await app.ok(`query($id: uuid!) { log(where: { flow_run_id: { _eq: $id } }) { timestamp } }`, { id: runId });
    expect(data.log).toEqual([{ timestamp: STORED }]);
  });

  it("a state's start time and a run's scheduled start time keep their microseconds", async () => {
    const runId = await createFlowRun(app, { flow_id: flowId, scheduled_start_time: "2026-01-02T04:04:05.654321+01:00" });
    const { flow_run_by_pk: created } = await app.ok(`query($id: uuid!) { flow_run_by_pk(id: $id) { scheduled_start_time version } }`, { id: runId });
    expect(created.scheduled_start_time).toBe("2026-01-02T03:04:05.654321Z");
    expect((await setFlowRunState(app, runId, { type: "Scheduled", message: "later", start_time: SENT }, created.version)).errors).toBeUndefined();
    const { flow_run_by_pk: run } = await app.ok(
      `query($id: uuid!) { flow_run_by_pk(id: $id) { state_start_time states(order_by: { timestamp: desc }, limit: 1) { start_time } } }`,
      { id: runId },
    );
    expect(run).toEqual({ state_start_time: STORED, states: [{ start_time: STORED }] });
  });

  it("timestamps a microsecond apart sort and filter in time order", async () => {
    const runId = await createFlowRun(app, { flow_id: flowId });
    const at = (us: number) => `2026-01-02T03:04:05.123${String(us).padStart(3, "0")}+00:00`;
    await write([
      { flow_run_id: runId, timestamp: at(2), message: "third" },
      { flow_run_id: runId, timestamp: "2026-01-02T03:04:05.123Z", message: "first" },
      { flow_run_id: runId, timestamp: at(1), message: "second" },
    ]);
    const read = async (where: string) =>
      (await app.ok(`query($id: uuid!) { log(where: { flow_run_id: { _eq: $id }, ${where} }, order_by: { timestamp: asc }) { message } }`, { id: runId })).log.map(
        (l: { message: string }) => l.message,
      );
    expect(await read("")).toEqual(["first", "second", "third"]);
    expect(await read(`timestamp: { _gt: "2026-01-02T03:04:05.123Z" }`)).toEqual(["second", "third"]);
    expect(await read(`timestamp: { _eq: "${at(1)}" }`)).toEqual(["second"]);
  });

  it("lines with equal timestamps read back in write order, within one call and across calls, by seq", async () => {
    const runId = await createFlowRun(app, { flow_id: flowId });
    const lines = (names: string[]) => names.map((message) => ({ flow_run_id: runId, timestamp: SENT, message }));
    await write(lines(["a", "b", "c", "d", "e"]));
    await write(lines(["f", "g", "h"]));
    const written = ["a", "b", "c", "d", "e", "f", "g", "h"];

    const asc = await app.ok(`query($id: uuid!) { log(where: { flow_run_id: { _eq: $id } }, order_by: { timestamp: asc }) { message seq } }`, { id: runId });
    expect(asc.log.map((l: { message: string }) => l.message)).toEqual(written);
    expect(asc.log.map((l: { seq: number }) => l.seq)).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
    const byDefault = await app.ok(`query($id: uuid!) { log(where: { flow_run_id: { _eq: $id } }) { message } }`, { id: runId });
    expect(byDefault.log.map((l: { message: string }) => l.message)).toEqual(written);
    // The run page's tail: newest first through the relationship (a per-parent page), then reversed.
    const tail = await app.ok(`query($id: uuid!) { flow_run_by_pk(id: $id) { logs(order_by: [{ timestamp: desc }, { seq: desc }], limit: 5) { message } } }`, {
      id: runId,
    });
    expect(tail.flow_run_by_pk.logs.map((l: { message: string }) => l.message)).toEqual(["h", "g", "f", "e", "d"]);
    const desc = await app.ok(`query($id: uuid!) { log(where: { flow_run_id: { _eq: $id } }, order_by: { timestamp: desc }, limit: 3) { message } }`, { id: runId });
    expect(desc.log.map((l: { message: string }) => l.message)).toEqual(["h", "g", "f"]);
  });

  it("writers of one run's lines at the same time each get their own numbers, in their own order", async () => {
    const runId = await createFlowRun(app, { flow_id: flowId });
    const calls = Array.from({ length: 6 }, (_, c) => Array.from({ length: 20 }, (_, i) => ({ flow_run_id: runId, timestamp: SENT, message: `${c}:${i}` })));
    await Promise.all(calls.map((logs) => write(logs)));
    const data = await app.ok(`query($id: uuid!) { log(where: { flow_run_id: { _eq: $id } }, order_by: { timestamp: asc }) { message seq } }`, { id: runId });
    expect(data.log.map((l: { seq: number }) => l.seq)).toEqual(Array.from({ length: 120 }, (_, i) => i + 1));
    for (let c = 0; c < calls.length; c++) {
      const own = data.log.map((l: { message: string }) => l.message).filter((m: string) => m.startsWith(`${c}:`));
      expect(own).toEqual(calls[c].map((l) => l.message));
    }
  });

  it("numbers each run's lines on its own", async () => {
    const [one, two] = [await createFlowRun(app, { flow_id: flowId }), await createFlowRun(app, { flow_id: flowId })];
    await write([
      { flow_run_id: one, message: "1a" },
      { flow_run_id: two, message: "2a" },
      { flow_run_id: one, message: "1b" },
    ]);
    const data = await app.ok(`query($ids: [uuid!]) { log(where: { flow_run_id: { _in: $ids } }, order_by: [{ message: asc }]) { message seq } }`, { ids: [one, two] });
    expect(data.log).toEqual([
      { message: "1a", seq: 1 },
      { message: "1b", seq: 2 },
      { message: "2a", seq: 1 },
    ]);
  });
});
