import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterEach, describe, expect, it } from "vitest";
import { findFlow } from "../sdk/registry.ts";
import { print } from "graphql";
import { WriteRunBatch } from "./documents.ts";
import { warmUp } from "./warm-up.ts";

describe("engine warm-up", () => {
  let server: Server | undefined;
  afterEach(() => new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve())));

  it("reads a run that does not exist from the agent's server, sends it a run's first write for that run, and runs its throwaway flow under its own name", async () => {
    const bodies: string[] = [];
    server = createServer((req, res) => {
      let body = "";
      req.on("data", (c: Buffer) => (body += c.toString()));
      req.on("end", () => {
        bodies.push(body);
        res.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify({ data: { flow_run_by_pk: null } }));
      });
    });
    await new Promise<void>((resolve) => server!.listen(0, "127.0.0.1", resolve));
    const { port } = server.address() as AddressInfo;
    await warmUp(`http://127.0.0.1:${port}/graphql`);
    expect(bodies).toHaveLength(2);
    const [read, write] = bodies.map((b) => JSON.parse(b) as { query: string; variables: Record<string, any> });
    expect(read!.query).toContain("flow_run_by_pk");
    expect(read!.variables.id).toBe("00000000-0000-0000-0000-000000000000");
    // The very document a run's writes use, for the run that does not exist: the server refuses it.
    expect(write!.query).toBe(print(WriteRunBatch));
    expect(write!.variables.input.flow_run_states.map((s: { flow_run_id: string }) => s.flow_run_id)).toEqual(["00000000-0000-0000-0000-000000000000"]);
    expect(write!.variables.input.task_run_states.map((s: { task_run_id: string }) => s.task_run_id)).toEqual(["00000000-0000-0000-0000-000000000000"]);
    expect(findFlow("tern-engine-warm-up")?.nodes.map((n) => n.slug)).toEqual(["warm-up-extract-1", "warm-up-transform-1", "warm-up-load-1"]);
  });

  it("finishes without a server to ask, and when the server cannot be reached", async () => {
    await expect(warmUp(undefined)).resolves.toBeUndefined();
    await expect(warmUp("http://127.0.0.1:9/graphql")).resolves.toBeUndefined();
  });
});
