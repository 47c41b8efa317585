import { expect, test } from "./fixtures.ts";

test("set a Failed run to Success from the dashboard: the run shows Success and its history lists the change with its message", async ({ page, tern }) => {
  const project = tern.unique("mark-as");
  await tern.createProject(project);
  const { flowGroupId } = await tern.registerFlow("examples/failing-flow.ts", project);
  await page.goto(`/flow/${flowGroupId}`);
  await page.getByRole("button", { name: "Quick Run" }).click();
  await expect(page).toHaveURL(/\/flow-run\/[0-9a-f-]{36}/);
  const state = page.getByRole("status", { name: "Run state" });
  await expect(state).toHaveText("Failed");

  await page.getByRole("button", { name: "Set state" }).click();
  const dialog = page.getByRole("dialog", { name: "Set the run's state" });
  const picker = dialog.getByLabel("New state");
  // Only the states a person sets: not the runtime's own (Mapped, Looped, Retrying, …), nor the run's current one.
  await expect(picker.getByRole("option")).toHaveText(["Scheduled", "Finished", "Success", "Skipped", "Cancelled"]);
  await picker.selectOption("Success");
  await dialog.getByLabel("Message (optional)").fill("Upstream outage: the data was loaded by hand.");
  await dialog.getByRole("button", { name: "Confirm" }).click();
  await expect(dialog).toBeHidden();

  await expect(state).toHaveText("Success");
  await page.getByRole("tab", { name: "History" }).click();
  const history = page.getByRole("list", { name: "State history" }).getByRole("listitem");
  await expect(history.last()).toContainText("Success");
  await expect(history.last()).toContainText("Upstream outage: the data was loaded by hand.");
  await expect(history.nth(-2)).toContainText("Failed");
});

test("cancel a long run from its page: every task run ends Cancelled, and the run Cancelled", async ({ page, tern }) => {
  const project = tern.unique("cancel");
  await tern.createProject(project);
  const { flowGroupId } = await tern.registerFlow("e2e/flows/long-flow.ts", project);
  await page.goto(`/flow/${flowGroupId}`);
  await page.getByRole("button", { name: "Quick Run" }).click();
  await expect(page).toHaveURL(/\/flow-run\/[0-9a-f-]{36}/);
  const counts = page.getByRole("list", { name: "Task runs by state" });
  await expect(counts).toContainText("1 Running");

  await page.getByRole("button", { name: "Cancel" }).click();
  await expect(page.getByRole("status", { name: "Run state" })).toHaveText("Cancelled");
  await expect(counts).toContainText("3 Cancelled");
  await expect(counts).not.toContainText("Running");
  await expect(counts).not.toContainText("Pending");
});
