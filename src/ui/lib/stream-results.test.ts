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
});
