import { describe, expect, it, vi } from "vitest";
import { TernApiError, TernConnectionError } from "../client/errors.ts";
import { LogShipper, MAX_LINES_PER_SEND } from "./log-shipper.ts";
import type { RunLog } from "./protocol.ts";

const line = (n: number) => ({ level: "INFO" as const, message: `line ${n}`, name: "test", timestamp: new Date(0).toISOString() });

/** A send that records every call and fails the calls listed in `failures`. */
function recorder(failures: Record<number, Error> = {}) {
  const calls: RunLog[][] = [];
  const send = async (logs: RunLog[]) => {
    calls.push(logs.map((l) => ({ ...l })));
    const failure = failures[calls.length];
    if (failure) throw failure;
  };
  return { calls, send };
}

describe("LogShipper", () => {
  it("ships a line holding a lone surrogate or NUL with U+FFFD in its place, so the server takes the batch", async () => {
    const { calls, send } = recorder();
    const shipper = new LogShipper("run-1", send, 60_000);
    shipper.add({ ...line(1), message: "cut 🙂".slice(0, 5), name: "task \udc00" });
    shipper.add({ ...line(2), message: "nul \u0000 here" });
    shipper.add(line(3));
    await shipper.flush();
    expect(calls.map((c) => c.map((l) => [l.name, l.message]))).toEqual([
      [
        ["task \uFFFD", "cut \uFFFD"],
        ["test", "nul \uFFFD here"],
        ["test", "line 3"],
      ],
    ]);
  });

  it("keeps lines through a transport failure and re-sends them first, with the same keys", async () => {
    const stderr = vi.spyOn(process.stderr, "write").mockImplementation(() => true);
    const { calls, send } = recorder({ 1: new TernConnectionError("http://127.0.0.1:1/graphql", "ECONNREFUSED") });
    const shipper = new LogShipper("run-1", send, 60_000);
    shipper.add(line(1));
    shipper.add(line(2));
    await shipper.flush();
    expect(shipper.backlog).toBe(2);
    shipper.add(line(3));
    await shipper.flush();
    stderr.mockRestore();
    expect(shipper.backlog).toBe(0);
    expect(calls.map((c) => c.map((l) => l.message))).toEqual([["line 1", "line 2"], ["line 1", "line 2", "line 3"]]);
    expect(calls[1].slice(0, 2).map((l) => l.idempotency_key)).toEqual(calls[0].map((l) => l.idempotency_key));
    const keys = calls[1].map((l) => l.idempotency_key);
    expect(new Set(keys).size).toBe(3);
    // Ascending in the order the lines were added: the server's unique index appends them.
    expect([...keys].sort()).toEqual(keys);
  });

  it("holds at most its cap while the server is away, and once it is back reports the dropped count in one WARNING line", async () => {
    const stderr = vi.spyOn(process.stderr, "write").mockImplementation(() => true);
    const { calls, send } = recorder({ 1: new TernConnectionError("http://127.0.0.1:1/graphql", "ECONNREFUSED"), 2: new TernConnectionError("http://127.0.0.1:1/graphql", "ECONNREFUSED") });
    const shipper = new LogShipper("run-1", send, 60_000, 5);
    for (let n = 1; n <= 4; n++) shipper.add(line(n));
    await shipper.flush();
    for (let n = 5; n <= 8; n++) shipper.add(line(n));
    await shipper.flush();
    expect(shipper.backlog).toBe(5);
    // The server is back: the kept lines go out, then the count of the ones that did not fit.
    await shipper.flush();
    stderr.mockRestore();
    expect(shipper.backlog).toBe(0);
    expect(calls.slice(2).flat().map((l) => [l.level, l.message])).toEqual([
      ...[1, 2, 3, 4, 5].map((n) => ["INFO", `line ${n}`]),
      ["WARNING", expect.stringMatching(/^3 log lines dropped/)],
    ]);
    // Once: later lines go out without another warning.
    shipper.add(line(9));
    await shipper.flush();
    expect(calls.at(-1)!.map((l) => l.message)).toEqual(["line 9"]);
  });

  it("hands the dropped count to a taker along with the kept lines (a final state may be the first write to get through)", async () => {
    const stderr = vi.spyOn(process.stderr, "write").mockImplementation(() => true);
    const { send } = recorder({ 1: new TernConnectionError("http://127.0.0.1:1/graphql", "ECONNREFUSED") });
    const shipper = new LogShipper("run-1", send, 60_000, 2);
    for (let n = 1; n <= 3; n++) shipper.add(line(n));
    await shipper.flush();
    stderr.mockRestore();
    const taken = await shipper.take();
    expect(taken.map((l) => [l.level, l.message])).toEqual([
      ["INFO", "line 1"],
      ["INFO", "line 2"],
      ["WARNING", expect.stringMatching(/^1 log line dropped/)],
    ]);
  });

  it("drops a batch the server refused (re-sending would fail the same way)", async () => {
    const stderr = vi.spyOn(process.stderr, "write").mockImplementation(() => true);
    const { calls, send } = recorder({ 1: new TernApiError("too large", "LOG_MESSAGE_TOO_LARGE") });
    const shipper = new LogShipper("run-1", send, 60_000);
    shipper.add(line(1));
    await shipper.flush();
    stderr.mockRestore();
    expect(shipper.backlog).toBe(0);
    expect(calls).toHaveLength(1);
  });

  it("sends a backlog in order, in bounded batches", async () => {
    const { calls, send } = recorder();
    const shipper = new LogShipper("run-1", send, 60_000);
    const total = MAX_LINES_PER_SEND * 2 + 5;
    for (let n = 0; n < total; n++) shipper.add(line(n));
    await shipper.flush();
    expect(calls.map((c) => c.length)).toEqual([MAX_LINES_PER_SEND, MAX_LINES_PER_SEND, 5]);
    expect(calls.flat().map((l) => l.message)).toEqual(Array.from({ length: total }, (_, n) => `line ${n}`));
  });

  it("loses no line when a taken batch is put back while a timer flush is sending newer lines", async () => {
    const stderr = vi.spyOn(process.stderr, "write").mockImplementation(() => true);
    // Every send waits until the test answers it, so the test decides the order things finish in.
    const sends: { logs: RunLog[]; answer: () => void }[] = [];
    const stored = new Map<string, number>();
    const shipper = new LogShipper("run-1", (logs) => new Promise<void>((resolve) => sends.push({ logs, answer: () => {
      for (const l of logs) stored.set(l.message, (stored.get(l.message) ?? 0) + 1);
      resolve();
    } })), 60_000);
    for (let n = 1; n <= 3; n++) shipper.add(line(n));
    // A state write takes lines 1-3 for its batch request…
    const taken = await shipper.take();
    expect(taken.map((l) => l.message)).toEqual(["line 1", "line 2", "line 3"]);
    // …meanwhile line 4 comes and the timer's flush sends it…
    shipper.add(line(4));
    const flushed = shipper.flush();
    await vi.waitFor(() => expect(sends).toHaveLength(1));
    // …the batch request fails, its lines go back; then the flush's send of line 4 succeeds.
    shipper.putBack(taken);
    sends[0].answer();
    await vi.waitFor(() => expect(sends).toHaveLength(2));
    sends[1].answer();
    await flushed;
    await shipper.flush();
    stderr.mockRestore();
    expect(shipper.backlog).toBe(0);
    expect(Object.fromEntries(stored)).toEqual({ "line 1": 1, "line 2": 1, "line 3": 1, "line 4": 1 });
    // The put-back lines keep their own order.
    expect(sends.map((s) => s.logs.map((l) => l.message))).toEqual([["line 4"], ["line 1", "line 2", "line 3"]]);
  });

  it("drops exactly the refused batch when lines were put back while it was being sent", async () => {
    const stderr = vi.spyOn(process.stderr, "write").mockImplementation(() => true);
    let refuse: () => void = () => {};
    const calls: string[][] = [];
    const shipper = new LogShipper("run-1", async (logs) => {
      calls.push(logs.map((l) => l.message));
      if (calls.length === 1) await new Promise<void>((_, reject) => (refuse = () => reject(new TernApiError("too large", "LOG_MESSAGE_TOO_LARGE"))));
    }, 60_000);
    shipper.add(line(1));
    const taken = await shipper.take();
    shipper.add(line(2));
    const flushed = shipper.flush();
    await vi.waitFor(() => expect(calls).toHaveLength(1));
    shipper.putBack(taken);
    refuse();
    await flushed;
    await shipper.flush();
    stderr.mockRestore();
    expect(calls).toEqual([["line 2"], ["line 1"]]);
    expect(shipper.backlog).toBe(0);
  });
});
