import { describe, expect, it } from "vitest";
import { StreamResults } from "./stream-results.ts";

function deferred<T>() {
  let resolve!: (value: T) => void;
  const promise = new Promise<T>((r) => (resolve = r));
  return { promise, resolve };
}

describe("StreamResults", () => {
  it("keeps a request's answer when the stream was quiet while it was out", async () => {
    const results = new StreamResults();
    results.delivered("logs");
    await expect(results.unlessStreamedMeanwhile("logs", async () => "request", () => "stream")).resolves.toBe("request");
  });

  it("keeps the stream's result when it arrived while a request was out (a late answer is older)", async () => {
    const results = new StreamResults();
    const answer = deferred<string>();
    const pending = results.unlessStreamedMeanwhile("logs", () => answer.promise, () => "3 lines (stream)");
    results.delivered("logs");
    answer.resolve("2 lines (request)");
    await expect(pending).resolves.toBe("3 lines (stream)");
  });

  it("counts each key on its own", async () => {
    const results = new StreamResults();
    const answer = deferred<string>();
    const pending = results.unlessStreamedMeanwhile("logs", () => answer.promise, () => "stream");
    results.delivered("state");
    answer.resolve("request");
    await expect(pending).resolves.toBe("request");
  });

  it("falls back to the answer when the entry holds nothing", async () => {
    const results = new StreamResults();
    const answer = deferred<string>();
    const pending = results.unlessStreamedMeanwhile("logs", () => answer.promise, () => undefined);
    results.delivered("logs");
    answer.resolve("request");
    await expect(pending).resolves.toBe("request");
  });

  it("tracks only keys with a request out, however many keys streamed", async () => {
    const results = new StreamResults();
    for (let n = 0; n < 10_000; n++) results.delivered(`run-${n}`);
    expect(results.tracked).toBe(0);
    const answer = deferred<string>();
    const pending = results.unlessStreamedMeanwhile("run-1", () => answer.promise, () => "stream");
    expect(results.tracked).toBe(1);
    answer.resolve("request");
    await pending;
    expect(results.tracked).toBe(0);
    // A failed request lets go of its key too.
    await expect(results.unlessStreamedMeanwhile("run-2", async () => Promise.reject(new Error("offline")), () => "stream")).rejects.toThrow();
    expect(results.tracked).toBe(0);
  });

  it("two requests out for one key: a delivery counts against both, and the key is let go after the last", async () => {
    const results = new StreamResults();
    const first = deferred<string>();
    const second = deferred<string>();
    const a = results.unlessStreamedMeanwhile("logs", () => first.promise, () => "stream");
    const b = results.unlessStreamedMeanwhile("logs", () => second.promise, () => "stream");
    results.delivered("logs");
    first.resolve("request 1");
    await expect(a).resolves.toBe("stream");
    expect(results.tracked).toBe(1);
    second.resolve("request 2");
    await expect(b).resolves.toBe("stream");
    expect(results.tracked).toBe(0);
  });
});

describe("StreamResults.load", () => {
  const never = () => Promise.reject(new Error("no request expected"));

  it("takes the connecting stream's first result instead of sending a request", async () => {
    const results = new StreamResults();
    results.opened("state");
    let entry: string | undefined;
    const load = results.load("state", never, () => entry);
    entry = "Running";
    results.delivered("state", "Running");
    await expect(load).resolves.toBe("Running");
    expect(results.tracked).toBe(0);
  });

  it("answers the entry as the stream left it when more results followed the first", async () => {
    const results = new StreamResults();
    results.opened("state");
    let entry: string | undefined;
    const load = results.load("state", never, () => entry);
    results.delivered("state", "Running");
    entry = "Running";
    results.delivered("state", "Success");
    entry = "Success";
    await expect(load).resolves.toBe("Success");
  });

  it("sends its request when the stream's attempt fails before a result (server down, key refused, stopped)", async () => {
    const results = new StreamResults();
    results.opened("state");
    const load = results.load("state", async () => "request", () => undefined);
    results.failed("state");
    await expect(load).resolves.toBe("request");
    expect(results.tracked).toBe(0);
  });

  it("sends its request when the stream stays silent", async () => {
    const results = new StreamResults(5);
    results.opened("state");
    await expect(results.load("state", async () => "request", () => undefined)).resolves.toBe("request");
  });

  it("sends its request at once when no stream is connecting, or after it delivered", async () => {
    const results = new StreamResults();
    await expect(results.load("state", async () => "request 1", () => "stream")).resolves.toBe("request 1");
    results.opened("state");
    results.delivered("state", "first");
    await expect(results.load("state", async () => "request 2", () => "stream")).resolves.toBe("request 2");
  });

  it("a reconnecting stream is waited for again", async () => {
    const results = new StreamResults();
    results.opened("state");
    results.failed("state");
    results.opened("state");
    const load = results.load("state", never, () => "Success");
    results.delivered("state", "Success");
    await expect(load).resolves.toBe("Success");
  });
});
