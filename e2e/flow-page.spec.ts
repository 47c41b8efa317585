import { expect, test } from "./fixtures.ts";

test("flow page: tabs, schematic, and a double-clicked Quick Run makes exactly one run", async ({ page, tern }) => {
  const project = tern.unique("flowpage");
  await tern.createProject(project);
  const { flowGroupId, flowId } = await tern.registerFlow("examples/etl-flow.ts", project);
  await page.goto(`/flow/${flowGroupId}`);
  await expect(page.getByRole("heading", { name: "etl-flow" })).toBeVisible();
  await expect(page.getByText("No runs yet. Press Quick Run to start one.")).toBeVisible();

  await page.getByRole("tab", { name: "Tasks" }).click();
  await expect(page).toHaveURL(/tab=tasks/);
  await expect(page.getByRole("cell", { name: "extract", exact: true })).toBeVisible();
  await page.getByRole("tab", { name: "Schematic" }).click();
  await expect(page.getByRole("group", { name: "Task schematic" })).toContainText("load");
  await page.getByRole("button", { name: "Zoom in" }).click();

  await page.getByRole("button", { name: "Quick Run" }).dblclick();
  await expect(page).toHaveURL(/\/flow-run\/[0-9a-f-]{36}/);
  await expect(page.getByRole("status", { name: "Run state" })).toHaveText("Success");
  const runs = await tern.gql("query($id: uuid!) { flow_run_aggregate(where: {flow_id: {_eq: $id}}) { aggregate { count } } }", { id: flowId });
  expect(runs.flow_run_aggregate.aggregate.count).toBe(1);

  // The log line the flow writes, and the retry in the task's state history (Timeline tab).
  await expect(page.getByRole("list", { name: "Log lines" }).getByText(/Loaded 6 rows/)).toBeVisible();
  await page.getByRole("tab", { name: "Timeline" }).click();
  await expect(page.getByRole("list", { name: "Task run timeline" }).getByRole("link", { name: "extract" })).toBeVisible();

  await page.getByRole("link", { name: "etl-flow" }).click();
  await page.getByRole("tab", { name: "Runs" }).click();
  await expect(page.getByRole("table").getByText("Success")).toBeVisible();
});

test("Quick Run on a flow with a required parameter opens the parameters dialog", async ({ page, tern }) => {
  const project = tern.unique("params");
  const projectId = await tern.createProject(project);
  const serialized = {
    type: "tern.Flow",
    __version__: "0.1.0",
    name: "needs-target",
    parameters: [{ name: "target", slug: "target", required: true, default: null, type: "tern.Parameter" }],
    reference_tasks: [],
    schedule: null,
    // No agent has this label: the run is only created, never executed.
    run_config: { type: "UniversalRun", labels: ["e2e-nobody"], env: null },
    storage: { type: "Local", path: "/nonexistent.ts", flow_name: "needs-target" },
    tasks: [{ slug: "target", name: "target", type: "tern.Parameter" }],
    edges: [],
  };
  const created = await tern.gql("mutation($input: create_flow_input!) { create_flow(input: $input) { id } }", { input: { project_id: projectId, serialized_flow: serialized } });
  const flow = await tern.gql("query($id: uuid!) { flow_by_pk(id: $id) { flow_group_id } }", { id: created.create_flow.id });
  await page.goto(`/flow/${flow.flow_by_pk.flow_group_id}`);
  await page.getByRole("button", { name: "Quick Run" }).click();
  const dialog = page.getByRole("dialog", { name: "Parameters needed" });
  await expect(dialog).toBeVisible();
  await dialog.getByRole("button", { name: "Start run" }).click();
  await expect(dialog.getByRole("alert")).toHaveText("Required: target");
  await dialog.getByLabel("Parameters (JSON)").fill('{"target": "warehouse"}');
  await dialog.getByLabel("Run name").fill("nightly-load");
  await dialog.getByRole("button", { name: "Start run" }).click();
  await expect(page).toHaveURL(/\/flow-run\/[0-9a-f-]{36}/);
  await expect(page.getByRole("heading", { name: /nightly-load/ })).toBeVisible();
  const runId = page.url().split("/flow-run/")[1].split("?")[0];
  const run = await tern.gql("query($id: uuid!) { flow_run_by_pk(id: $id) { parameters labels } }", { id: runId });
  expect(run.flow_run_by_pk.parameters).toEqual({ target: "warehouse" });
  expect(run.flow_run_by_pk.labels).toEqual(["e2e-nobody"]);
});
