import AxeBuilder from "@axe-core/playwright";
import type { Page } from "@playwright/test";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { expect, type TernFixture, test } from "./fixtures.ts";

test.use({ permissions: ["clipboard-read", "clipboard-write"] });

/** The mapped views are not in axe.spec.ts (they need the seeded shape): checked here, in both themes. */
async function expectAccessible(page: Page) {
  for (const theme of ["Light", "Dark"]) {
    await page.getByLabel("Theme").selectOption(theme);
    const { violations } = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22a", "wcag22aa", "best-practice"]).analyze();
    expect(violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`), theme).toEqual([]);
  }
}

/** Temporary folders for restart-flow's marker files, removed after each test. */
const dirs: string[] = [];
const tempDir = () => {
  const dir = mkdtempSync(join(tmpdir(), "tern-e2e-run-page-"));
  dirs.push(dir);
  return dir;
};
test.afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

test("run page header: parameters, run id copied, times, the agent, live progress; Run again with edited parameters; archived versions cannot run again", async ({ page, tern }) => {
  const first = tempDir();
  const second = tempDir();
  writeFileSync(join(second, "ready"), "");
  const project = tern.unique("run-header");
  await tern.createProject(project);
  const { flowId, flowGroupId } = await tern.registerFlow("src/testing/restart-flow.ts", project);
  await page.goto(`/flow/${flowGroupId}`);
  await page.getByRole("button", { name: "Quick Run" }).click();
  const needed = page.getByRole("dialog", { name: "Parameters needed" });
  await needed.getByLabel("Parameters (JSON)").fill(JSON.stringify({ dir: first }));
  await needed.getByRole("button", { name: "Start run" }).click();
  await expect(page).toHaveURL(/\/flow-run\/[0-9a-f-]{36}/);
  const runId = page.url().match(/flow-run\/([0-9a-f-]{36})/)?.[1] as string;

  // "consume" fails without the marker file: two parameters and "produce" succeed.
  await expect(page.getByRole("status", { name: "Run state" })).toHaveText("Failed");
  await expect(page.getByRole("img", { name: "4 of 4 task runs finished: 3 Success, 1 Failed" })).toBeVisible();

  const params = page.getByRole("group", { name: "Parameters" });
  await expect(params.getByRole("definition")).toHaveText([JSON.stringify(first), "false"]);
  await expect(params.getByRole("term")).toHaveText(["dir", "unstorable"]);

  await expect(page.getByRole("definition").filter({ hasText: runId })).toBeVisible();
  await page.getByRole("button", { name: "Copy run ID" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Copied" })).toBeVisible();
  expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(runId);

  const run = (await tern.gql("query($id: uuid!) { flow_run_by_pk(id: $id) { start_time end_time agent { name } } }", { id: runId })).flow_run_by_pk;
  expect(run.start_time).toBeTruthy();
  expect(run.end_time).toBeTruthy();
  for (const [term, iso] of [
    ["Started", run.start_time],
    ["Ended", run.end_time],
  ]) {
    await expect(page.getByRole("term").filter({ hasText: term })).toBeVisible();
    await expect(page.getByRole("definition").filter({ has: page.locator(`time[datetime="${iso}"]`) })).toBeVisible();
  }
  await expect(page.getByRole("term").filter({ hasText: "Duration" })).toBeVisible();
  const agent = page.getByRole("main").getByRole("link", { name: run.agent.name, exact: true });
  await expect(agent).toHaveAttribute("href", "/agents");

  // Run again: this run's parameters, editable; bad JSON is refused in the form.
  await page.getByRole("button", { name: "Run again" }).click();
  const again = page.getByRole("dialog", { name: "Run again" });
  const json = again.getByLabel("Parameters (JSON)");
  expect(JSON.parse(await json.inputValue())).toEqual({ dir: first, unstorable: false });
  await again.getByRole("button", { name: "Close" }).click();
  await expect(again).toBeHidden();
  await page.getByRole("button", { name: "Run again" }).click();
  await json.fill("{ not json");
  await again.getByRole("button", { name: "Start run" }).click();
  await expect(again.getByRole("alert")).toContainText("Not valid JSON");
  await json.fill(JSON.stringify({ dir: second, unstorable: false }));
  await again.getByRole("button", { name: "Start run" }).click();
  await expect(again).toBeHidden();
  await expect(page).not.toHaveURL(new RegExp(runId));
  await expect(page).toHaveURL(/\/flow-run\/[0-9a-f-]{36}/);

  // The new run of the same version, with the edited parameters; its bar follows it to the end live.
  await expect(page.getByRole("img", { name: "4 of 4 task runs finished: 4 Success" })).toBeVisible();
  await expect(page.getByRole("status", { name: "Run state" })).toHaveText("Success");
  await expect(page.getByRole("group", { name: "Parameters" }).getByRole("definition").first()).toHaveText(JSON.stringify(second));
  const newId = page.url().match(/flow-run\/([0-9a-f-]{36})/)?.[1] as string;
  const made = (await tern.gql("query($id: uuid!) { flow_run_by_pk(id: $id) { flow_id parameters } }", { id: newId })).flow_run_by_pk;
  expect(made).toEqual({ flow_id: flowId, parameters: { dir: second, unstorable: false } });

  // Archiving the version while the page is open turns Run again off.
  await tern.gql("mutation($input: archive_flow_input!) { archive_flow(input: $input) { success } }", { input: { flow_id: flowId } });
  await expect(page.getByRole("button", { name: "Run again" })).toBeDisabled();
  await expect(page.getByText("This flow version is archived: it cannot run again.")).toBeVisible();
});

test("task-run page: breadcrumb to its project, the error line coloured, Restart from this task re-runs it and the run ends Success", async ({ page, tern }) => {
  const work = tempDir();
  const project = tern.unique("task-page");
  await tern.createProject(project);
  const { flowId } = await tern.registerFlow("src/testing/restart-flow.ts", project);
  const runId = (await tern.gql("mutation($input: create_flow_run_input!) { create_flow_run(input: $input) { id } }", { input: { flow_id: flowId, parameters: { dir: work } } })).create_flow_run.id;
  await page.goto(`/flow-run/${runId}`);
  await expect(page.getByRole("status", { name: "Run state" })).toHaveText("Failed");
  await page.getByRole("link", { name: "consume" }).click();
  await expect(page.getByRole("status", { name: "Task run state" })).toHaveText("Failed");

  const crumbs = page.getByRole("navigation", { name: "Breadcrumb" });
  await expect(crumbs.getByRole("listitem")).toHaveText([`${project}›`, "restart-flow›", /›$/, "consume"]);
  await expect(crumbs.getByRole("link", { name: project })).toHaveAttribute("href", /\/\?project=/);
  await expect(crumbs.getByRole("link", { name: "restart-flow" })).toHaveAttribute("href", /\/flow\//);
  await expect(crumbs.getByRole("listitem").nth(2).getByRole("link")).toHaveAttribute("href", `/flow-run/${runId}`);

  const errorLine = page.getByRole("list", { name: "Log lines" }).getByRole("listitem").filter({ hasText: "the marker file is missing" }).first();
  await expect(errorLine).toContainText("ERROR");
  await expect(errorLine).toHaveClass(/text-danger/);

  writeFileSync(join(work, "ready"), "");
  await page.getByRole("button", { name: "Restart" }).click();
  await expect(page.getByRole("status", { name: "Task run state" })).toHaveText("Success");
  await expect(page.getByRole("list", { name: "State history" }).getByRole("listitem").filter({ hasText: "Restarted from failed." })).toHaveCount(1);
  await page.getByRole("navigation", { name: "Breadcrumb" }).getByRole("listitem").nth(2).getByRole("link").click();
  await expect(page.getByRole("status", { name: "Run state" })).toHaveText("Success");
  // "produce" upstream was kept: it ran once.
  expect(readFileSync(join(work, "produced.txt"), "utf8").split("\n").filter(Boolean)).toHaveLength(1);
});

const CHILDREN = 120;

/** A run of a flow "numbers → double (mapped)" that no agent takes, its mapped task seeded through the API as the engine would. */
async function seedMappedRun(tern: TernFixture) {
  const project = tern.unique("mapped");
  const projectId = await tern.createProject(project);
  const serialized = {
    type: "tern.Flow",
    __version__: "0.1.0",
    name: "mapped-flow",
    parameters: [],
    reference_tasks: [],
    schedule: null,
    run_config: { type: "UniversalRun", labels: ["e2e-nobody"], env: null },
    storage: { type: "Local", path: "/nonexistent.ts", flow_name: "mapped-flow" },
    tasks: [
      { slug: "numbers", name: "numbers", type: "tern.Task", max_retries: 0, tags: [] },
      { slug: "double", name: "double", type: "tern.Task", max_retries: 0, tags: [], mapped: true },
    ],
    edges: [{ upstream_task: { slug: "numbers" }, downstream_task: { slug: "double" }, key: "x", mapped: true }],
  };
  const flow = await tern.gql("mutation($input: create_flow_input!) { create_flow(input: $input) { id } }", { input: { project_id: projectId, serialized_flow: serialized } });
  const runId = (await tern.gql("mutation($input: create_flow_run_input!) { create_flow_run(input: $input) { id } }", { input: { flow_id: flow.create_flow.id } })).create_flow_run.id as string;
  const parents = (await tern.gql("query($id: uuid!) { task_run(where: { flow_run_id: { _eq: $id } }) { id task { name id } } }", { id: runId })).task_run;
  const numbers = parents.find((t: { task: { name: string } }) => t.task.name === "numbers");
  const double = parents.find((t: { task: { name: string } }) => t.task.name === "double");
  const creates = Array.from({ length: CHILDREN }, (_, i) => `c${i}: get_or_create_task_run_info(input: { flow_run_id: "${runId}", task_id: "${double.task.id}", map_index: ${i} }) { id }`);
  const made = await tern.gql(`mutation { ${creates.join("\n")} }`);
  const children: string[] = Array.from({ length: CHILDREN }, (_, i) => made[`c${i}`].id);
  // 100 Success, 15 Failed, 5 left Pending; the parent Mapped and "numbers" Success.
  const state = (i: number) => (i < 100 ? "Success" : "Failed");
  await tern.gql("mutation($input: set_task_run_states_input!) { set_task_run_states(input: $input) { states { status } } }", {
    input: {
      states: [
        { task_run_id: numbers.id, state: { type: "Success" } },
        { task_run_id: double.id, state: { type: "Mapped", message: `Mapped ${CHILDREN} children` } },
        ...children.slice(0, 115).map((id, i) => ({ task_run_id: id, state: { type: state(i) } })),
      ],
    },
  });
  return { runId, parentId: double.id as string, children };
}

test("mapped task: one parent row with its children's counts, 'Show N children' filters the table in the URL, the parent's page pages its children, Set state on a child", async ({ page, tern }) => {
  const { runId, parentId, children } = await seedMappedRun(tern);
  await page.goto(`/flow-run/${runId}`);
  const table = page.getByRole("table");
  // Two rows (numbers, double), not 122.
  await expect(table.getByRole("row")).toHaveCount(3);
  const parentRow = table.getByRole("row").filter({ hasText: "double" });
  await expect(parentRow.getByRole("cell").nth(1)).toHaveText("Mapped");
  await expect(parentRow.getByRole("list", { name: "Children of double by state" }).getByRole("listitem")).toHaveText(["5 Pending", "100 Success", "15 Failed"]);
  await expectAccessible(page);

  await parentRow.getByRole("link", { name: `Show ${CHILDREN} children of double` }).click();
  await expect(page).toHaveURL(/[?&]parent=[0-9a-f-]{36}/);
  await expect(page.getByText("Children of double")).toBeVisible();
  await expect(table.getByRole("link", { name: "double[0]" })).toBeVisible();
  await expect(page.getByText("Page 1 of 3")).toBeVisible();
  await page.getByLabel("Filter by state").selectOption("Failed");
  await expect(table.getByRole("row")).toHaveCount(16);
  await expect(page).toHaveURL(/state=Failed/);
  await page.reload();
  await expect(table.getByRole("row")).toHaveCount(16);
  await page.getByRole("button", { name: "Show all task runs" }).click();
  await expect(page).not.toHaveURL(/parent=/);

  // The parent's own page lists its children, 50 a page in map order.
  await page.goto(`/task-run/${parentId}`);
  const list = page.getByRole("table", { name: "Mapped children" });
  await expect(page.getByRole("list", { name: "Children by state" })).toContainText("15 Failed");
  await expect(list.getByRole("row")).toHaveCount(51);
  await expect(list.getByRole("row").nth(1)).toContainText("[0]");
  await expectAccessible(page);
  await page.getByRole("navigation", { name: "Child pages" }).getByRole("button", { name: "Next" }).click();
  await page.getByRole("navigation", { name: "Child pages" }).getByRole("button", { name: "Next" }).click();
  await expect(page.getByText("Page 3 of 3")).toBeVisible();
  await expect(list.getByRole("row")).toHaveCount(21);
  const failedChild = list.getByRole("row").filter({ has: page.getByRole("link", { name: "[110]" }) });
  await expect(failedChild).toContainText("Failed");

  // Set state on a failed child, from its page: the parent's counts follow.
  await failedChild.getByRole("link", { name: "[110]" }).click();
  await expect(page).toHaveURL(`/task-run/${children[110]}`);
  await expect(page.getByRole("navigation", { name: "Breadcrumb" })).toContainText("double[110]");
  await page.getByRole("button", { name: "Set state" }).click();
  const dialog = page.getByRole("dialog", { name: "Set the task run's state" });
  await dialog.getByLabel("New state").selectOption("Success");
  await dialog.getByLabel("Message (optional)").fill("Checked by hand.");
  await dialog.getByRole("button", { name: "Confirm" }).click();
  await expect(dialog).toBeHidden();
  await expect(page.getByRole("status", { name: "Task run state" })).toHaveText("Success");
  await expect(page.getByRole("list", { name: "State history" }).getByRole("listitem").last()).toContainText("Checked by hand.");
  await page.goBack();
  await expect(page.getByRole("list", { name: "Children by state" })).toContainText("14 Failed");
  await expect(page.getByRole("list", { name: "Children by state" })).toContainText("101 Success");
});
