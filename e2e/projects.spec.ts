import { expect, test } from "./fixtures.ts";

test("project settings: create with validation, duplicate name, rename and describe, delete moving its flows", async ({ page, tern }) => {
  const first = tern.unique("proj-a");
  const second = tern.unique("proj-b");
  await page.goto("/settings/projects");
  await expect(page.getByRole("heading", { name: "Projects" })).toBeVisible();

  // Empty name → inline validation, nothing sent.
  await page.getByRole("button", { name: "New project" }).click();
  let dialog = page.getByRole("dialog", { name: "New project" });
  await dialog.getByRole("button", { name: "Create project" }).click();
  await expect(dialog.getByRole("alert")).toHaveText("A project needs a name.");
  await dialog.getByLabel("Name").fill(first);
  await dialog.getByLabel("Description").fill("first description");
  await dialog.getByRole("button", { name: "Create project" }).click();
  await expect(dialog).toBeHidden();
  const firstRow = page.getByRole("row").filter({ hasText: first });
  await expect(firstRow).toContainText("first description");

  // A name already in use is refused in the form.
  await page.getByRole("button", { name: "New project" }).click();
  dialog = page.getByRole("dialog", { name: "New project" });
  await dialog.getByLabel("Name").fill(first);
  await dialog.getByRole("button", { name: "Create project" }).click();
  await expect(dialog.getByRole("alert")).toHaveText("This project name is already in use.");
  await dialog.getByLabel("Name").fill(second);
  await dialog.getByRole("button", { name: "Create project" }).click();
  await expect(dialog).toBeHidden();
  await expect(page.getByRole("row").filter({ hasText: second })).toBeVisible();

  // Rename onto the other project's name → refused; a fresh name and a description → saved.
  await page.getByRole("button", { name: `Edit ${first}` }).click();
  const edit = page.getByRole("dialog", { name: `Edit ${first}` });
  await edit.getByLabel("Name").fill(second);
  await edit.getByRole("button", { name: "Save" }).click();
  await expect(edit.getByRole("alert")).toHaveText("This project name is already in use.");
  const renamed = `${first}-renamed`;
  await edit.getByLabel("Name").fill(renamed);
  await edit.getByLabel("Description").fill("now described");
  await edit.getByRole("button", { name: "Save" }).click();
  await expect(edit).toBeHidden();
  const renamedRow = page.getByRole("row").filter({ hasText: renamed });
  await expect(renamedRow).toContainText("now described");

  // Delete a project with a flow: the dialog offers to move it; the flow lands in the other project.
  const { flowId } = await tern.registerFlow("examples/hello-flow.ts", renamed);
  await expect(renamedRow.getByRole("cell").nth(2)).toHaveText("1");
  await page.getByRole("button", { name: `Delete ${renamed}` }).click();
  const del = page.getByRole("dialog", { name: `Delete ${renamed}?` });
  await del.getByLabel("Its 1 flow").selectOption({ label: `Move to ${second}` });
  await del.getByRole("button", { name: "Delete project" }).click();
  await expect(del).toBeHidden();
  await expect(page.getByRole("row").filter({ hasText: renamed })).toHaveCount(0);
  const data = await tern.gql(`query($id: uuid!) { flow_by_pk(id: $id) { project { name } } }`, { id: flowId });
  expect(data.flow_by_pk.project.name).toBe(second);
  await expect(page.getByRole("row").filter({ hasText: second }).getByRole("cell").nth(2)).toHaveText("1");
});
