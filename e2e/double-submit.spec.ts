import type { Locator, Page } from "@playwright/test";
import { expect, test, type TernFixture } from "./fixtures.ts";

/** A flow only an absent agent could run: its runs are created and stay Scheduled, which is all these tests count. */
async function unrunnableFlow(tern: TernFixture) {
  const projectId = await tern.createProject(tern.unique("dbl"));
  const serialized = {
    type: "tern.Flow",
    __version__: "0.1.0",
    name: "double-submit",
    parameters: [],
    reference_tasks: [],
    schedule: null,
    run_config: { type: "UniversalRun", labels: ["e2e-nobody"], env: null },
    storage: { type: "Local", path: "/nonexistent.ts", flow_name: "double-submit" },
    tasks: [{ slug: "only", name: "only", type: "tern.Task" }],
    edges: [],
  };
  const created = await tern.gql("mutation($input: create_flow_input!) { create_flow(input: $input) { id } }", { input: { project_id: projectId, serialized_flow: serialized } });
  const flowId: string = created.create_flow.id;
  const flow = await tern.gql("query($id: uuid!) { flow_by_pk(id: $id) { flow_group_id } }", { id: flowId });
  return { flowId, flowGroupId: flow.flow_by_pk.flow_group_id as string };
}

/**
 * A double Enter at its worst: two implicit submissions of the button's form in the same tick, before
 * React can re-render the button disabled. (Two real key presses are slower than a fast mutation, so
 * the second would land on whatever the first one led to.)
 */
async function submitTwiceInOneTick(submitButton: Locator) {
  await submitButton.evaluate((button: HTMLButtonElement) => {
    button.form?.requestSubmit();
    button.form?.requestSubmit();
  });
}

/**
 * How many times the page sent a mutation. The record count alone cannot tell for projects: the server
 * refuses a second project of the same name, so a double submit would still leave one record.
 */
function countSent(page: Page, mutation: string) {
  let sent = 0;
  page.on("request", (request) => {
    if (request.method() === "POST" && request.postData()?.includes(`${mutation}(`)) sent++;
  });
  return () => sent;
}

const countRuns = async (tern: TernFixture, flowId: string) =>
  (await tern.gql("query($id: uuid!) { flow_run_aggregate(where: { flow_id: { _eq: $id } }) { aggregate { count } } }", { id: flowId })).flow_run_aggregate.aggregate.count;

const countProjects = async (tern: TernFixture, name: string) =>
  (await tern.gql("query($name: String!) { project_aggregate(where: { name: { _eq: $name } }) { aggregate { count } } }", { name })).project_aggregate.aggregate.count;

test("Run form: a double-clicked Start run makes exactly one run", async ({ page, tern }) => {
  const { flowId, flowGroupId } = await unrunnableFlow(tern);
  const sent = countSent(page, "create_flow_run");
  await page.goto(`/flow/${flowGroupId}?tab=run`);
  await page.getByLabel("Run name").fill("only-once");
  await page.getByRole("button", { name: "Start run" }).dblclick();
  await expect(page).toHaveURL(/\/flow-run\/[0-9a-f-]{36}/);
  await expect(page.getByRole("heading", { name: /only-once/ })).toBeVisible();
  expect(await countRuns(tern, flowId)).toBe(1);
  expect(sent()).toBe(1);
});

test("Run form: a double Enter makes exactly one run", async ({ page, tern }) => {
  const { flowId, flowGroupId } = await unrunnableFlow(tern);
  const sent = countSent(page, "create_flow_run");
  await page.goto(`/flow/${flowGroupId}?tab=run`);
  await page.getByLabel("Run name").fill("enter-once");
  await submitTwiceInOneTick(page.getByRole("button", { name: "Start run" }));
  await expect(page).toHaveURL(/\/flow-run\/[0-9a-f-]{36}/);
  await expect(page.getByRole("heading", { name: /enter-once/ })).toBeVisible();
  expect(await countRuns(tern, flowId)).toBe(1);
  expect(sent()).toBe(1);
});

test("New project dialog: a double-clicked Create project makes exactly one project", async ({ page, tern }) => {
  const name = tern.unique("dbl-project");
  await page.goto("/");
  const sent = countSent(page, "create_project");
  await page.getByRole("button", { name: "New project" }).click();
  const dialog = page.getByRole("dialog", { name: "New project" });
  await dialog.getByLabel("Name").fill(name);
  await dialog.getByRole("button", { name: "Create project" }).dblclick();
  await expect(dialog).toBeHidden();
  expect(await countProjects(tern, name)).toBe(1);
  expect(sent()).toBe(1);
});

test("New project dialog: a double Enter makes exactly one project", async ({ page, tern }) => {
  const name = tern.unique("enter-project");
  await page.goto("/settings/projects");
  const sent = countSent(page, "create_project");
  await page.getByRole("button", { name: "New project" }).click();
  const dialog = page.getByRole("dialog", { name: "New project" });
  await dialog.getByLabel("Name").fill(name);
  await submitTwiceInOneTick(dialog.getByRole("button", { name: "Create project" }));
  await expect(dialog).toBeHidden();
  await expect(page.getByRole("row").filter({ hasText: name })).toBeVisible();
  expect(await countProjects(tern, name)).toBe(1);
  expect(sent()).toBe(1);
});
