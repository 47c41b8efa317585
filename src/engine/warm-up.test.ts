import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterEach, describe, expect, it } from "vitest";
import { findFlow } from "../sdk/registry.ts";
import { warmUp } from "./warm-up.ts";

describe("engine warm-up", () => {
  let server: Server | undefined;
  afterEach(() => new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve())));

  it("reads a run that does not exist from the agent's server, and runs its throwaway flow under its own name", async () => {
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
    expect(bodies).toHaveLength(1);
    const { query, variables } = JSON.parse(bodies[0]!) as { query: string; variables: { id: string } };
    expect(query).toContain("flow_run_by_pk");
    expect(variables.id).toBe("00000000-0000-0000-0000-000000000000");
    expect(findFlow("tern-engine-warm-up")?.nodes.map((n) => n.slug)).toEqual(["warm-up-extract-1", "warm-up-transform-1", "warm-up-load-1"]);
  });

  it("finishes without a server to ask, and when the server cannot be reached", async () => {
    await expect(warmUp(undefined)).resolves.toBeUndefined();
    await expect(warmUp("http://127.0.0.1:9/graphql")).resolves.toBeUndefined();
  });
});
