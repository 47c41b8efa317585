import { describe, expect, it } from "vitest";
import { createLiveStream, refusalErrors, STREAM_URL } from "./live-stream.ts";

const unauthenticated = () =>
  new Response(JSON.stringify({ errors: [{ message: "Invalid API key.", extensions: { code: "UNAUTHENTICATED" } }] }), { status: 401, headers: { "content-type": "application/json" } });

describe("refusalErrors", () => {
  it("turns a 401 into the server's GraphQL errors, read once for every operation that waited on it", async () => {
    const error = { response: unauthenticated() };
    const [first, second] = await Promise.all([refusalErrors(error), refusalErrors(error)]);
    expect(first).toEqual([{ message: "Invalid API key.", extensions: { code: "UNAUTHENTICATED" } }]);
    expect(second).toEqual(first);
  });

  it("keeps the code when the 401 body is not the server's JSON", async () => {
    const errors = await refusalErrors({ response: new Response("<html>denied</html>", { status: 401 }) });
    expect(errors?.[0].extensions?.code).toBe("UNAUTHENTICATED");
  });

  it("leaves every other failure a network error", async () => {
    expect(await refusalErrors({ response: new Response("", { status: 502 }) })).toBeNull();
    expect(await refusalErrors(new TypeError("Failed to fetch"))).toBeNull();
    expect(await refusalErrors(null)).toBeNull();
  });
});

describe("createLiveStream", () => {
  it("reserves the stream with the headers of the moment and hands a refusal to urql as GraphQL errors", async () => {
    const seen: { url: string; method: string; authorization: string | null }[] = [];
    let key = "old";
    const stream = createLiveStream({
      headers: () => ({ authorization: `Bearer ${key}` }),
      fetch: async (input, init) => {
        seen.push({ url: String(input), method: init?.method ?? "GET", authorization: new Headers(init?.headers).get("authorization") });
        return unauthenticated();
      },
    });
    const failed = (query: string) =>
      new Promise<unknown>((resolve) => {
        stream.forward({ query, variables: {}, operationName: undefined, extensions: undefined }).subscribe({ next: () => {}, complete: () => resolve("completed"), error: resolve });
      });
    expect(await failed("subscription { project { id } }")).toEqual([{ message: "Invalid API key.", extensions: { code: "UNAUTHENTICATED" } }]);
    key = "new";
    stream.restart();
    await failed("subscription { project { id } }");
    expect(seen).toEqual([
      { url: STREAM_URL, method: "PUT", authorization: "Bearer old" },
      { url: STREAM_URL, method: "PUT", authorization: "Bearer new" },
    ]);
  });
});
