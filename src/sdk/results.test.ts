import { appendFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { LocalResultStore, type ResultErrorCode, resultStoreFromEnv, ResultStoreError } from "./results.ts";

const ids = { flowRunId: "3a3c6b86-8a4e-4d7e-9d4e-0d8a4b3f6c11", taskRunId: "7f0e2a3b-1c4d-4e5f-8a9b-0c1d2e3f4a5b" };

/** The code of the ResultStoreError `action` rejects with (fails the test when it throws anything else). */
async function codeOf(action: () => Promise<unknown>): Promise<ResultErrorCode> {
  try {
    await action();
  } catch (error) {
    if (error instanceof ResultStoreError) return error.code;
    throw error;
  }
  throw new Error("expected a ResultStoreError");
}

describe("LocalResultStore", () => {
  let dir: string;
  let store: LocalResultStore;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), "tern-results-"));
    store = new LocalResultStore({ dir, maxBytes: 1000 });
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it("stores a result as a JSON file under its directory and loads it back from the state's record", async () => {
    const value = { rows: [1, 2, 3], name: "ok", nested: { flag: true, none: null } };
    const record = store.save(ids, value);
    expect(record).toMatchObject({ type: "LocalResult", location: join(ids.flowRunId, `${ids.taskRunId}.json`) });
    expect(JSON.parse(readFileSync(join(dir, ids.flowRunId, `${ids.taskRunId}.json`), "utf8"))).toEqual(value);
    // The record travels in the state's JSON: what the server gives back loads too.
    expect(await store.load(JSON.parse(JSON.stringify(record)))).toEqual(value);
  });

  it("records a task that returned nothing without a file, and loads it as undefined", async () => {
    const record = store.save(ids, undefined);
    expect(record).toEqual({ type: "NoResultType" });
    expect(await store.load(record)).toBeUndefined();
  });

  it.each([
    ["a function", { ok: 1, fn: () => 1 }],
    ["a BigInt", { big: 10n }],
    ["a Date", [new Date()]],
    ["a Map", new Map()],
    ["NaN", { n: Number.NaN }],
  ])("refuses %s with RESULT_NOT_SERIALIZABLE, saying where it is", async (_what, value) => {
    expect(() => store.save(ids, value)).toThrow(expect.objectContaining({ code: "RESULT_NOT_SERIALIZABLE", message: expect.stringMatching(/^result/) }));
  });

  it("refuses a cycle with RESULT_NOT_SERIALIZABLE", async () => {
    const cyclic: Record<string, unknown> = { a: 1 };
    cyclic.self = { back: cyclic };
    expect(() => store.save(ids, cyclic)).toThrow(expect.objectContaining({ code: "RESULT_NOT_SERIALIZABLE" }));
  });

  it("accepts the same object twice when it is not a cycle", async () => {
    const shared = { x: 1 };
    expect(await store.load(store.save(ids, [shared, shared]))).toEqual([{ x: 1 }, { x: 1 }]);
  });

  it("refuses a result over its size limit with RESULT_TOO_LARGE and writes nothing", async () => {
    expect(() => store.save(ids, "x".repeat(1000))).toThrow(expect.objectContaining({ code: "RESULT_TOO_LARGE" }));
    expect(() => readFileSync(join(dir, ids.flowRunId, `${ids.taskRunId}.json`))).toThrow();
  });

  it("says RESULT_NOT_FOUND when the file is gone, and names the machine that stored it when it was another", async () => {
    const record = store.save(ids, 42);
    rmSync(join(dir, ids.flowRunId), { recursive: true });
    expect(await codeOf(() => store.load(record))).toBe("RESULT_NOT_FOUND");
    const error = await store.load({ ...record, host: "elsewhere" }).catch((e: unknown) => e);
    expect((error as ResultStoreError).code).toBe("RESULT_NOT_FOUND");
    expect((error as ResultStoreError).message).toContain("elsewhere");
  });

  it("says RESULT_UNREADABLE for a file that is not JSON", async () => {
    const record = store.save(ids, 42);
    writeFileSync(join(dir, ids.flowRunId, `${ids.taskRunId}.json`), "{not json");
    expect(await codeOf(() => store.load(record))).toBe("RESULT_UNREADABLE");
  });

  it.each([
    ["no record", undefined],
    ["a record of another kind", { type: "S3Result", location: "bucket/key" }],
    ["a location outside the store", { type: "LocalResult", location: "../../etc/passwd", host: "h" }],
    ["an absolute location", { type: "LocalResult", location: "/etc/passwd", host: "h" }],
  ])("loads nothing from %s (RESULT_NOT_RECORDED)", async (_what, record) => {
    expect(await codeOf(() => store.load(record))).toBe("RESULT_NOT_RECORDED");
  });
});

describe("LocalResultStore: mapped children's results", () => {
  let dir: string;
  let store: LocalResultStore;
  const child = (n: number) => ({ flowRunId: ids.flowRunId, parentTaskRunId: ids.taskRunId, taskRunId: `child-${n}` });
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), "tern-results-"));
    store = new LocalResultStore({ dir, maxBytes: 1000 });
  });
  afterEach(() => {
    store.closeFiles();
    rmSync(dir, { recursive: true, force: true });
  });

  it("keeps every child of a parent in one file, each loaded back from its own record by another store", async () => {
    const records = [0, 1, 2].map((n) => store.saveChild(child(n), { n, text: "line\nbreak\ttab" }));
    store.closeFiles();
    expect(records[1]).toMatchObject({ type: "LocalResult", location: join(ids.flowRunId, `${ids.taskRunId}.children`), key: "child-1" });
    expect(readFileSync(join(dir, ids.flowRunId, `${ids.taskRunId}.children`), "utf8").split("\n")).toHaveLength(4);
    const restart = new LocalResultStore({ dir });
    for (const n of [2, 0, 1]) expect(await restart.load(JSON.parse(JSON.stringify(records[n])))).toEqual({ n, text: "line\nbreak\ttab" });
    expect(store.saveChild(child(3), undefined)).toEqual({ type: "NoResultType" });
  });

  it("loads a child run again with its newest result, also in the store that read the older one", async () => {
    const first = store.saveChild(child(0), "first");
    expect(await store.load(first)).toBe("first");
    const again = store.saveChild(child(0), "again");
    expect(await store.load(again)).toBe("again");
  });

  it("ignores a line a crash cut short, and the next child's line stays whole", async () => {
    const kept = store.saveChild(child(0), [1, 2]);
    store.closeFiles();
    appendFileSync(join(dir, ids.flowRunId, `${ids.taskRunId}.children`), 'child-1\t{"half":');
    expect(await codeOf(() => store.load({ ...kept, key: "child-1" }))).toBe("RESULT_NOT_FOUND");
    const next = store.saveChild(child(2), "whole");
    expect(await store.load(next)).toBe("whole");
    expect(await store.load(kept)).toEqual([1, 2]);
  });

  it("refuses what it cannot store as it does for a plain task", async () => {
    expect(() => store.saveChild(child(0), "x".repeat(2000))).toThrow(ResultStoreError);
    expect(await codeOf(() => store.load({ type: "LocalResult", location: join(ids.flowRunId, "missing.children"), host: "h", key: "child-0" }))).toBe("RESULT_NOT_FOUND");
  });
});

describe("resultStoreFromEnv", () => {
  it("keeps results under $TERN_HOME/results with a 10 MB limit by default", () => {
    const store = resultStoreFromEnv({ TERN_HOME: "/srv/tern" });
    expect(store.dir).toBe(join("/srv/tern", "results"));
    expect(store.maxBytes).toBe(10_000_000);
  });

  it("takes TERN_RESULTS_DIR and TERN_RESULT_MAX_BYTES", () => {
    const store = resultStoreFromEnv({ TERN_HOME: "/srv/tern", TERN_RESULTS_DIR: "/data/results", TERN_RESULT_MAX_BYTES: "2048" });
    expect(store.dir).toBe("/data/results");
    expect(store.maxBytes).toBe(2048);
  });
});
