import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { expect, startProcess, stopProcess, test } from "./fixtures.ts";

test("an outage keeps the last data on screen marked out of date, and a view loaded meanwhile recovers inside the app", async ({ page }) => {
  const home = mkdtempSync(join(tmpdir(), "tern-e2e-outage-"));
  const env = { ...process.env, TERN_HOME: home, DATABASE_URL: join(home, "tern.db") };
  const start = (port: string) => startProcess(["server", "start", "--port", port], env, /GraphQL:\s+(http:\/\/(\S+):(\d+)\/graphql)/);
  let server = await start("0");
  const [, graphqlUrl, , port] = server.match;
  const origin = graphqlUrl.replace(/\/graphql$/, "");
  const gql = async (query: string, variables: Record<string, unknown>) => {
    const response = await fetch(graphqlUrl, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ query, variables }) });
    return ((await response.json()) as { data: any }).data;
  };
  try {
    const projectId = (await gql("mutation($name: String!) { create_project(input: { name: $name }) { id } }", { name: "outage" })).create_project.id;
    const serialized = {
      type: "tern.Flow",
      __version__: "0.1.0",
      name: "outage-flow",
      parameters: [],
      reference_tasks: [],
      schedule: null,
      run_config: { type: "UniversalRun", labels: ["e2e-nobody"], env: null },
      storage: { type: "Local", path: "/nonexistent.ts", flow_name: "outage-flow" },
      tasks: [],
      edges: [],
    };
    const flowId = (await gql("mutation($input: create_flow_input!) { create_flow(input: $input) { id } }", { input: { project_id: projectId, serialized_flow: serialized } })).create_flow.id;
    const runId = (await gql("mutation($input: create_flow_run_input!) { create_flow_run(input: $input) { id } }", { input: { flow_id: flowId, flow_run_name: "outage-run" } })).create_flow_run.id;
    const outOfDate = page.getByRole("status").filter({ hasText: "Out of date" });

    // The flow page during an outage: still there, marked out of date.
    await page.goto(`${origin}/flow/${flowId}`);
    await expect(page.getByRole("heading", { name: "outage-flow" })).toBeVisible();
    await stopProcess(server.child);
    await expect(outOfDate).toBeVisible();
    await expect(page.getByRole("heading", { name: "outage-flow" })).toBeVisible();
    await expect(page.getByRole("alert")).toHaveCount(0);

    // A view whose code is not loaded yet fails inside the app's frame, and Retry recovers it.
    await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Agents" }).click();
    await expect(page.getByRole("alert")).toBeVisible();
    await expect(page.getByRole("navigation", { name: "Main" })).toBeVisible();
    server = await start(port);
    await page.getByRole("button", { name: "Retry" }).click();
    await expect(page.getByRole("heading", { name: "Agents" })).toBeVisible();
    await expect(page.getByRole("navigation", { name: "Main" })).toBeVisible();

    // The run page too.
    await page.goto(`${origin}/flow-run/${runId}`);
    await expect(page.getByRole("heading", { name: "outage-run" })).toBeVisible();
    await stopProcess(server.child);
    await expect(outOfDate).toBeVisible();
    await expect(page.getByRole("heading", { name: "outage-run" })).toBeVisible();
  } finally {
    await stopProcess(server.child);
    rmSync(home, { recursive: true, force: true });
  }
});
