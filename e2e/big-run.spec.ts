import { expect, test } from "./fixtures.ts";

const TASKS = 2000;

test("a 2,000-task flow run page pages, filters and stays live", async ({ page, tern }) => {
  const project = tern.unique("big");
  const projectId = await tern.createProject(project);
  const tasks = Array.from({ length: TASKS }, (_, i) => ({ slug: `step-${i}`, name: `step_${String(i).padStart(4, "0")}`, type: "tern.Task", max_retries: 0, tags: [] }));
  const edges = Array.from({ length: TASKS - 1 }, (_, i) => ({ upstream_task: { slug: `step-${i}` }, downstream_task: { slug: `step-${i + 1}` }, key: null, mapped: false }));
  const serialized = {
    type: "tern.Flow",
    __version__: "0.1.0",
    name: "big-flow",
    parameters: [],
    reference_tasks: [],
    schedule: null,
    // No agent has this label, so the run stays put while the test drives its task states.
    run_config: { type: "UniversalRun", labels: ["e2e-nobody"], env: null },
    storage: { type: "Local", path: "/nonexistent.ts", flow_name: "big-flow" },
    tasks,
    edges,
  };
  const flow = await tern.gql("mutation($input: create_flow_input!) { create_flow(input: $input) { id } }", { input: { project_id: projectId, serialized_flow: serialized } });
  const run = await tern.gql("mutation($input: create_flow_run_input!) { create_flow_run(input: $input) { id } }", { input: { flow_id: flow.create_flow.id } });
  const runId = run.create_flow_run.id;

  await page.goto(`/flow-run/${runId}`);
  const counts = page.getByRole("list", { name: "Task runs by state" });
  await expect(counts).toContainText(`${TASKS} total`);
  await expect(counts).toContainText(`${TASKS} Pending`);
  await expect(page.getByText("Page 1 of 40")).toBeVisible();
  await expect(page.getByRole("note")).toContainText("no healthy agent has all of this run's labels");

  await page.getByRole("button", { name: "Next" }).click();
  await expect(page.getByText("Page 2 of 40")).toBeVisible();
  await page.getByRole("textbox", { name: "Search tasks by name" }).fill("step_1999");
  await expect(page.getByRole("link", { name: "step_1999" })).toBeVisible();
  await expect(page.getByRole("table").getByRole("row")).toHaveCount(2);

  // 100 task runs finish while the page is open: counts and rows follow without a reload.
  const ids = await tern.gql("query($id: uuid!) { task_run(where: {flow_run_id: {_eq: $id}}, order_by: {id: asc}, limit: 100) { id } }", { id: runId });
  await tern.gql("mutation($input: set_task_run_states_input!) { set_task_run_states(input: $input) { states { status } } }", {
    input: { states: ids.task_run.map((t: { id: string }) => ({ task_run_id: t.id, state: { type: "Success" } })) },
  });
  await expect(counts).toContainText("100 Success");
  await expect(counts).toContainText(`${TASKS - 100} Pending`);

  await page.getByRole("textbox", { name: "Search tasks by name" }).fill("");
  await page.getByLabel("Filter by state").selectOption("Success");
  await expect(page.getByText("Page 1 of 2")).toBeVisible();

  // The schematic asks before drawing 2,000 boxes rather than freeze; the timeline draws a bounded slice.
  await page.getByRole("tab", { name: "Schematic" }).click();
  await expect(page.getByText("This run has 2,000 tasks; drawing may be slow.")).toBeVisible();
  await expect(page.getByRole("button", { name: "Draw anyway" })).toBeVisible();
  await page.getByRole("tab", { name: "Timeline" }).click();
  await expect(page.getByText("Showing 200 of 2,000 task runs (earliest first)")).toBeVisible();
  await page.getByRole("tab", { name: "Overview" }).click();
  await expect(counts).toContainText("100 Success");
});
