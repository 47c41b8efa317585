import { expect, test, waitFor } from "./fixtures.ts";
import { createIdleFlow } from "./idle-flow.ts";

const PRIMARY = "rgb(37, 99, 235)";
const DANGER = "rgb(185, 28, 28)";

test("utility border colours win: the selected tab is underlined and an invalid field turns red", async ({ page, tern }) => {
  const project = tern.unique("borders");
  await tern.createProject(project);
  const { flowGroupId } = await tern.registerFlow("examples/hello-flow.ts", project);
  await page.goto(`/flow/${flowGroupId}?tab=run`);
  await expect(page.getByRole("tab", { name: "Run", selected: true })).toHaveCSS("border-bottom-color", PRIMARY);
  const params = page.getByLabel("Parameters (JSON)");
  await params.fill("{");
  await expect(params).toHaveAttribute("aria-invalid", "true");
  await expect(params).toHaveCSS("border-top-color", DANGER);
});

test("the ID tern register prints opens that version's flow page", async ({ page, tern }) => {
  const project = tern.unique("flow-id");
  const projectId = await tern.createProject(project);
  const name = tern.unique("versions");
  const first = await createIdleFlow(tern, projectId, name);
  await createIdleFlow(tern, projectId, name);
  await page.goto(`/flow/${first}`);
  await expect(page.getByRole("heading", { name })).toBeVisible();
  await expect(page).toHaveURL(/version=1/);
  await expect(page.getByRole("definition").filter({ hasText: /^1 \(archived\)$/ })).toBeVisible();

  // The printed ID of a registered flow too.
  const registered = await tern.registerFlow("examples/hello-flow.ts", project);
  expect(registered.output).toContain(registered.flowId);
  await page.goto(`/flow/${registered.flowId}`);
  await expect(page.getByRole("heading", { name: "hello-flow" })).toBeVisible();
  await expect(page).toHaveURL(new RegExp(`/flow/${registered.flowGroupId}\\?version=1`));
});

test("a page address that is no id says Not found, with the app around it", async ({ page }) => {
  for (const path of ["/flow/not-a-uuid", "/flow-run/not-a-uuid", "/task-run/not-a-uuid"]) {
    await page.goto(path);
    await expect(page.getByRole("alert")).toContainText("Not found");
    await expect(page.getByRole("navigation", { name: "Main" })).toBeVisible();
  }
});

test("Quick Run is disabled on an archived version", async ({ page, tern }) => {
  const project = tern.unique("archived");
  const projectId = await tern.createProject(project);
  const name = tern.unique("archived-flow");
  await createIdleFlow(tern, projectId, name);
  const second = await createIdleFlow(tern, projectId, name);
  const group = (await tern.gql("query($id: uuid!) { flow_by_pk(id: $id) { flow_group_id } }", { id: second })).flow_by_pk.flow_group_id;
  await page.goto(`/flow/${group}?version=1`);
  await expect(page.getByRole("heading", { name })).toBeVisible();
  await expect(page.getByRole("button", { name: "Quick Run" })).toBeDisabled();
  await page.getByRole("button", { name: "Show the newest" }).click();
  await expect(page.getByRole("button", { name: "Quick Run" })).toBeEnabled();
});

test("a deep link to a log line shows that line and no new-lines pill", async ({ page, tern }) => {
  const project = tern.unique("deep-line");
  await tern.createProject(project);
  const { flowId } = await tern.registerFlow("examples/hello-flow.ts", project);
  const runId = (await tern.gql("mutation($input: create_flow_run_input!) { create_flow_run(input: $input) { id } }", { input: { flow_id: flowId } })).create_flow_run.id;
  await waitFor(async () => (await tern.gql("query($id: uuid!) { flow_run_by_pk(id: $id) { state } }", { id: runId })).flow_run_by_pk.state === "Success", "the run to succeed");
  const logs = await tern.gql("query($id: uuid!) { log(where: { flow_run_id: { _eq: $id } }, order_by: [{ timestamp: asc }, { seq: asc }]) { id message } }", { id: runId });
  const target = logs.log[0];
  await page.goto(`/flow-run/${runId}?line=${target.id}`);
  const lines = page.getByRole("list", { name: "Log lines" });
  await expect(lines.getByRole("listitem").filter({ hasText: target.message })).toBeInViewport();
  await expect(page.getByRole("button", { name: /new lines?$/ })).toHaveCount(0);
});

test("agents' last query reads as past even when the server's clock is ahead", async ({ page }) => {
  // This browser's clock 30 s behind the server's.
  await page.clock.setFixedTime(new Date(Date.now() - 30_000));
  await page.goto("/agents");
  const table = page.getByRole("table");
  await expect(table.getByRole("cell", { name: /^(just now|\d+ (s|min) ago)$/ }).first()).toBeVisible();
  await expect(table.getByRole("cell", { name: /^in \d/ })).toHaveCount(0);
});
