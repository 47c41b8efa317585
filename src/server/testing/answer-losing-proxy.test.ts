import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { type AnswerLosingProxy, startAnswerLosingProxy } from "./answer-losing-proxy.ts";

/** A stand-in GraphQL server: answers each POST with its running count; a subscription streams two events. */
function countingUpstream() {
  const received: string[] = [];
  let releaseStream: () => void = () => {};
  const server: Server = createServer(async (req, res) => {
    let body = "";
    for await (const chunk of req) body += chunk;
    received.push(body);
    if (body.includes("subscription")) {
      res.writeHead(200, { "content-type": "text/event-stream" });
      res.write("event: next\ndata: 1\n\n");
      releaseStream = () => res.end("event: next\ndata: 2\n\n");
      return;
    }
    res.writeHead(200, { "content-type": "application/json" });
    res.end(JSON.stringify({ data: { n: received.length } }));
  });
  return { server, received, release: () => releaseStream() };
}

const post = (url: string, body: object) => fetch(url, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(body) });
const createProject = (name: string) => ({ query: `mutation Make($input: create_project_input!) { create_project(input: $input) { id } }`, variables: { input: { name } } });

describe("answer-losing proxy", () => {
  let upstream: ReturnType<typeof countingUpstream>;
  let proxy: AnswerLosingProxy | undefined;
  beforeEach(async () => {
    upstream = countingUpstream();
    await new Promise<void>((r) => upstream.server.listen(0, "127.0.0.1", r));
  });
  afterEach(async () => {
    await proxy?.close();
    upstream.server.closeAllConnections();
    await new Promise((r) => upstream.server.close(r));
  });
  const target = () => `http://127.0.0.1:${(upstream.server.address() as AddressInfo).port}/graphql`;

  it("forwards the nth matching request, keeps the server's answer and cuts the client off", async () => {
    proxy = await startAnswerLosingProxy(target(), [{ operation: "create_project", nth: 2 }]);
    expect(await (await post(proxy.url, createProject("a"))).json()).toEqual({ data: { n: 1 } });
    await expect(post(proxy.url, createProject("b"))).rejects.toThrow();
    expect(await (await post(proxy.url, createProject("c"))).json()).toEqual({ data: { n: 3 } });
    // The server got all three: the lost one was processed, only its answer went missing.
    expect(upstream.received.map((b) => JSON.parse(b).variables.input.name)).toEqual(["a", "b", "c"]);
    expect(proxy.lost).toEqual([expect.objectContaining({ operation: "create_project", nth: 2, status: 200, answer: JSON.stringify({ data: { n: 2 } }) })]);
    expect(proxy.lost[0].request.variables).toEqual({ input: { name: "b" } });
    expect(proxy.count("create_project")).toBe(3);
    expect(proxy.count("Make")).toBe(3);
  });

  it("matches an operation name, narrowed by `when`", async () => {
    proxy = await startAnswerLosingProxy(target(), [{ operation: "Make", when: (b) => (b.variables?.input as { name: string } | undefined)?.name === "y" }]);
    expect((await post(proxy.url, createProject("x"))).ok).toBe(true);
    await expect(post(proxy.url, createProject("y"))).rejects.toThrow();
    expect((await post(proxy.url, createProject("y"))).ok).toBe(true);
    expect(proxy.lost.map((l) => l.request.variables)).toEqual([{ input: { name: "y" } }]);
  });

  it("streams a live query through as it comes, and never withholds one", async () => {
    proxy = await startAnswerLosingProxy(target(), [{ operation: "flow_run" }]);
    const response = await post(proxy.url, { query: "subscription Live { flow_run { id } }" });
    const reader = response.body!.getReader();
    // The first event arrives while the server still holds the stream open.
    expect(new TextDecoder().decode((await reader.read()).value)).toContain("data: 1");
    upstream.release();
    let rest = "";
    for (let r = await reader.read(); !r.done; r = await reader.read()) rest += new TextDecoder().decode(r.value);
    expect(rest).toContain("data: 2");
    expect(proxy.lost).toEqual([]);
    expect(proxy.count("flow_run")).toBe(1);
  });

  it("race: cuts the client at once and sends the held request to the server together with its retry", async () => {
    proxy = await startAnswerLosingProxy(target(), [{ operation: "create_project", race: true }]);
    await expect(post(proxy.url, createProject("first"))).rejects.toThrow();
    // The server has not seen it yet: it arrives with the retry.
    expect(upstream.received).toEqual([]);
    expect(await (await post(proxy.url, createProject("retry"))).json()).toEqual({ data: { n: expect.any(Number) } });
    await proxy.idle();
    expect(upstream.received.map((b) => JSON.parse(b).variables.input.name).sort()).toEqual(["first", "retry"]);
    expect(proxy.lost).toEqual([expect.objectContaining({ operation: "create_project", nth: 1, status: 200 })]);
  });
});
