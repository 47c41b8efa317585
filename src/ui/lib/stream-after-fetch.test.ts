import { QueryClient } from "@tanstack/react-query";
import { describe, expect, it } from "vitest";
import { type Delivered, rewriteStreamedAfterFetches } from "./stream-after-fetch.ts";

const KEY = ["flowRun", "detail", "r1"];

/** A client whose one live key has a stream; `push` is a stream result landing in the cache. */
function setup() {
  const client = new QueryClient({ defaultOptions: { queries: { retry: false } } });
  const stream: Delivered = { count: 0, latest: undefined };
  const stop = rewriteStreamedAfterFetches(client, (key) => (JSON.stringify(key) === JSON.stringify(KEY) ? stream : undefined));
  const push = (data: string) => {
    stream.count++;
    stream.latest = data;
    client.setQueryData(KEY, data);
  };
  return { client, push, stop };
}

/** Lets the microtasks after a fetch's write run. */
const settle = () => new Promise((resolve) => setTimeout(resolve, 0));

describe("rewriteStreamedAfterFetches", () => {
  it("writes the stream's latest result again when a fetch's answer lands after it", async () => {
    const { client, push } = setup();
    // The query function answers "Running"; before TanStack writes that answer, the stream delivers
    // Running and then Success (one push holding both).
    const fetched = client.fetchQuery({
      queryKey: KEY,
      queryFn: async () => {
        queueMicrotask(() => {
          push("Running");
          push("Success");
        });
        return "Running";
      },
    });
    await expect(fetched).resolves.toBe("Running");
    await settle();
    expect(client.getQueryData(KEY)).toBe("Success");
  });

  it("keeps a fetch's answer when the stream was quiet while it was out", async () => {
    const { client, push } = setup();
    push("Running");
    await client.fetchQuery({ queryKey: KEY, queryFn: async () => "Success" });
    await settle();
    expect(client.getQueryData(KEY)).toBe("Success");
  });

  it("leaves queries without a stream alone", async () => {
    const { client } = setup();
    const other = ["flowRun", "detail", "r2"];
    await client.fetchQuery({ queryKey: other, queryFn: async () => "answer" });
    await settle();
    expect(client.getQueryData(other)).toBe("answer");
  });

  it("stops when unsubscribed", async () => {
    const { client, push, stop } = setup();
    stop();
    await client.fetchQuery({
      queryKey: KEY,
      queryFn: async () => {
        queueMicrotask(() => push("Success"));
        return "Running";
      },
    });
    await settle();
    expect(client.getQueryData(KEY)).toBe("Running");
  });
});
