import { describe, expect, it } from "vitest";
import { createLiveStream, refusalErrors, STREAM_URL, streamFetch } from "./live-stream.ts";

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

describe("streamFetch", () => {
  it("reads the bodies of operation requests (an unread body holds its connection) and sends stops as low priority", async () => {
    const sent: RequestInit[] = [];
    const bodies: Response[] = [];
    const fetchImpl = async (_input: RequestInfo | URL, init?: RequestInit) => {
      sent.push(init ?? {});
      const response = init?.method === "GET" ? new Response("stream") : new Response(init?.method === "DELETE" ? "" : "refused", { status: init?.method === "DELETE" ? 200 : 401, statusText: "x" });
      bodies.push(response);
      return response;
    };
    const wrapped = streamFetch(fetchImpl as typeof fetch);
    const post = await wrapped(STREAM_URL, { method: "POST", body: "{}" });
    expect(bodies[0].bodyUsed).toBe(true);
    expect(post.status).toBe(401);
    expect(await post.text()).toBe("refused");
    const stop = await wrapped(STREAM_URL, { method: "DELETE" });
    expect(bodies[1].bodyUsed).toBe(true);
    expect(stop.status).toBe(200);
    expect(sent[1].priority).toBe("low");
    expect(sent[0].priority).toBeUndefined();
    const stream = await wrapped(STREAM_URL, { method: "GET" });
    // The event stream is handed on as it is, unread.
    expect(stream).toBe(bodies[2]);
    expect(stream.bodyUsed).toBe(false);
  });
});
