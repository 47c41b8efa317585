import SQLite from "better-sqlite3";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { descendants, freePort, isAlive, startTern } from "../../testing/processes.ts";

/**
 * `npm start` runs `tern dev`: one command that brings up the server on a fresh embedded database
 * and a local agent, prints where the dashboard is, runs flows, and leaves nothing behind on Ctrl-C.
 */
describe("tern dev (npm start)", () => {
  const home = mkdtempSync(join(tmpdir(), "tern-dev-"));
  afterAll(() => rmSync(home, { recursive: true, force: true }));

  it("starts server and agent on SQLite, runs a flow, and stops both on Ctrl-C", async () => {
    const port = await freePort();
    const dev = startTern(["dev", "--port", String(port), "--no-build"], { TERN_HOME: home, TERN_API: "" });
    const dashboard = `http://127.0.0.1:${port}/`;
    await dev.waitForLine(new RegExp(`Open the dashboard: ${dashboard.replaceAll(".", "\\.")}`), 60_000);
    expect((await fetch(`${dashboard}healthz`)).status).toBe(200);

    const gql = async (query: string, variables: Record<string, unknown> = {}) => {
      const response = await fetch(`${dashboard}graphql`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ query, variables }) });
      const body = (await response.json()) as { data?: any; errors?: unknown[] };
      if (body.errors) throw new Error(JSON.stringify(body.errors));
      return body.data;
    };
    await dev.waitForLine(/Agent ".*" registered/, 60_000);

    // The agent beside the server runs a registered flow to Success.
    await gql(`mutation { create_project(input: { name: "dev" }) { id } }`);
    const register = startTern(["register", join(import.meta.dirname, "../../../examples/hello-flow.ts"), "--project", "dev"], {
      TERN_API: `${dashboard}graphql`,
    });
    expect(await register.exited).toBe(0);
    const { flow } = await gql(`{ flow(where: { name: { _eq: "hello-flow" } }) { id } }`);
    const { create_flow_run } = await gql(`mutation($id: UUID!) { create_flow_run(input: { flow_id: $id }) { id } }`, { id: flow[0].id });
    let state = "";
    for (let i = 0; i < 300 && state !== "Success"; i++) {
      ({ state } = (await gql(`query($id: uuid!) { flow_run_by_pk(id: $id) { state } }`, { id: create_flow_run.id })).flow_run_by_pk);
      if (state !== "Success") await new Promise((r) => setTimeout(r, 100));
    }
    expect(state).toBe("Success");

    const family = descendants(dev.pid);
    expect(family.length).toBeGreaterThan(0); // the agent (and its warm engines)
    process.kill(-dev.pid, "SIGINT");
    expect(await dev.exited).toBe(0);
    expect(dev.lines.join("\n")).toContain("Stopping the agent and the server");
    expect(family.filter(isAlive)).toEqual([]);
  }, 120_000);

  it("one Ctrl-C gives a running flow run the agent's grace: it finishes instead of being stopped at once", async () => {
    const port = await freePort();
    const dev = startTern(["dev", "--port", String(port), "--no-build"], { TERN_HOME: join(home, "ctrl-c"), TERN_API: "" });
    const api = `http://127.0.0.1:${port}/graphql`;
    await dev.waitForLine(/Agent ".*" registered/, 60_000);
    const gql = async (query: string, variables: Record<string, unknown> = {}) => {
      const response = await fetch(api, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ query, variables }) });
      const body = (await response.json()) as { data?: any; errors?: unknown[] };
      if (body.errors) throw new Error(JSON.stringify(body.errors));
      return body.data;
    };
    await gql(`mutation { create_project(input: { name: "dev" }) { id } }`);
    const register = startTern(["register", join(import.meta.dirname, "../../testing/sleep-flow.ts"), "--project", "dev"], { TERN_API: api });
    expect(await register.exited).toBe(0);
    const { flow } = await gql(`{ flow(where: { name: { _eq: "sleep-flow" } }) { id } }`);
    const { create_flow_run } = await gql(`mutation($id: UUID!) { create_flow_run(input: { flow_id: $id }) { id } }`, { id: flow[0].id });
    const progress = async () =>
      (await gql(`query($id: uuid!) { flow_run_by_pk(id: $id) { state state_message task_runs { state } } }`, { id: create_flow_run.id })).flow_run_by_pk;
    // Ctrl-C while the task sleeps inside its engine.
    while (!(await progress()).task_runs.some((t: { state: string }) => t.state === "Running")) await new Promise((r) => setTimeout(r, 25));
    process.kill(-dev.pid, "SIGINT");
    expect(await dev.exited).toBe(0);
    // The server stopped with the agent: the run's outcome is read from its database file.
    const db = new SQLite(join(home, "ctrl-c", "tern.db"), { readonly: true });
    try {
      expect(db.prepare("SELECT state FROM flow_run WHERE id = ?").get(create_flow_run.id)).toEqual({ state: "Success" });
    } finally {
      db.close();
    }
    expect(dev.lines).toContainEqual(expect.stringMatching(/waiting up to 10s for 1 running flow run\(s\) to finish/));
    expect(dev.lines).not.toContain("Stopping running flow runs now");
  }, 120_000);
});
