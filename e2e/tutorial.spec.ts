import { expect, test } from "./fixtures.ts";

test("tutorial: new project from the dashboard, register hello-flow, Quick Run, watch it go green with its log", async ({ page, tern }) => {
  const project = tern.unique("tutorial");
  await page.goto("/");
  await expect(page.getByRole("heading", { name: "Dashboard" })).toBeVisible();

  await page.getByRole("button", { name: "New project" }).click();
  const dialog = page.getByRole("dialog", { name: "New project" });
  await dialog.getByLabel("Name").fill(project);
  await dialog.getByLabel("Description").fill("The first flow");
  await dialog.getByRole("button", { name: "Create project" }).click();
  await expect(dialog).toBeHidden();
  // The new project is selected in the filter.
  await expect(page.getByLabel("Project")).toHaveValue(/[0-9a-f-]{36}/);

  const { flowGroupId } = await tern.registerFlow("examples/hello-flow.ts", project);
  // Live: the flow appears without a reload.
  const flowLink = page.getByRole("link", { name: "hello-flow" });
  await expect(flowLink).toBeVisible();
  await flowLink.click();
  await expect(page).toHaveURL(new RegExp(`/flow/${flowGroupId}`));
  await expect(page.getByRole("heading", { name: "hello-flow" })).toBeVisible();

  await page.getByRole("button", { name: "Quick Run" }).click();
  await expect(page).toHaveURL(/\/flow-run\/[0-9a-f-]{36}/);
  await expect(page.getByRole("status", { name: "Run state" })).toHaveText("Success");
  await expect(page.getByRole("list", { name: "Log lines" }).getByText("Hello, Cloud!")).toBeVisible();
  await expect(page.getByRole("table").getByText("Success")).toBeVisible();
  await expect(page).toHaveTitle(/^Success/);
});

test("the Flow URL the client prints (/default/flow/<id>) opens the flow page", async ({ page, tern }) => {
  const project = tern.unique("alias");
  await tern.createProject(project);
  const { flowGroupId } = await tern.registerFlow("examples/hello-flow.ts", project);
  await page.goto(`/default/flow/${flowGroupId}`);
  await expect(page.getByRole("heading", { name: "hello-flow" })).toBeVisible();
  await expect(page.getByRole("button", { name: "Quick Run" })).toBeEnabled();
});
