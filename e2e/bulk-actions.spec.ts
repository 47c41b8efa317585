import AxeBuilder from "@axe-core/playwright";
import { expect, test } from "./fixtures.ts";
import { idleProject } from "./glance-helpers.ts";

const rowBox = (name: string, flow: string) => `Select ${flow} · ${name}`;

test("cancel a selection of runs: a confirmation says how many, the result says what became of them", async ({ page, tern }) => {
  const p = await idleProject(tern, "bulk-cancel");
  const done = await p.run("c-done");
  await p.run("c-waiting");
  await p.setState(done, "Success");
  await page.goto(`/?project=${p.projectId}&window=1h`);
  const runs = page.getByRole("region", { name: "Runs", exact: true });
  await runs.getByRole("checkbox", { name: rowBox("c-done", p.flowName) }).check();
  await runs.getByRole("checkbox", { name: rowBox("c-waiting", p.flowName) }).check();
  const toolbar = runs.getByRole("toolbar", { name: "Bulk actions" });
  await expect(toolbar).toContainText("2 runs selected");
  await toolbar.getByRole("button", { name: "Cancel runs" }).click();
  const dialog = page.getByRole("dialog", { name: "Cancel runs" });
  await expect(dialog).toContainText("Cancel 2 runs?");
  await dialog.getByRole("button", { name: "Cancel 2 runs" }).click();
  await expect(dialog.getByRole("status")).toHaveText("1 cancelled, 1 already finished");
  await dialog.getByRole("button", { name: "Close" }).click();
  await expect(runs.getByRole("status", { name: "Bulk action result" })).toHaveText("1 cancelled, 1 already finished");
  expect(await p.states()).toEqual(["Success", "Cancelled"]);
  await expect(toolbar).toContainText("Select runs to act on them.");
});

test("select all runs matching the filter across pages, set their state, then delete them", async ({ page, tern }) => {
  const p = await idleProject(tern, "bulk-all");
  for (let i = 0; i < 23; i += 1) await p.run(`all-${String(i).padStart(2, "0")}`);
  await page.goto(`/?project=${p.projectId}&window=1h`);
  const runs = page.getByRole("region", { name: "Runs", exact: true });
  await expect(runs.getByRole("navigation", { name: "Run pages" })).toContainText("Page 1 of 2");
  await expect(runs.getByRole("table", { name: "Runs" }).getByRole("row")).toHaveCount(21);
  await runs.getByRole("checkbox", { name: "Select all on this page" }).check();
  await expect(runs.getByRole("toolbar", { name: "Bulk actions" })).toContainText("20 runs selected");
  await runs.getByRole("button", { name: "Select all 23 runs matching the filter" }).click();
  await expect(runs).toContainText("All 23 runs matching the filter are selected.");

  await runs.getByRole("button", { name: "Set state" }).click();
  const setDialog = page.getByRole("dialog", { name: "Set the runs' state" });
  await expect(setDialog).toContainText("Set 23 runs to Failed?");
  await setDialog.getByLabel("New state").selectOption("Cancelled");
  await setDialog.getByLabel("Message (optional)").fill("cleaning up");
  await expect(setDialog).toContainText("Set 23 runs to Cancelled?");
  await setDialog.getByRole("button", { name: "Set 23 runs" }).click();
  await expect(setDialog.getByRole("status")).toHaveText("23 set");
  await setDialog.getByRole("button", { name: "Close" }).click();
  expect(new Set(await p.states())).toEqual(new Set(["Cancelled"]));

  // The state filter narrows the list; select everything it matches and delete it.
  await runs.getByLabel("State", { exact: true }).selectOption("Cancelled");
  await expect(page).toHaveURL(/runState=Cancelled/);
  await runs.getByRole("checkbox", { name: "Select all on this page" }).check();
  await runs.getByRole("button", { name: "Select all 23 runs matching the filter" }).click();
  await runs.getByRole("button", { name: "Delete" }).click();
  const deleteDialog = page.getByRole("dialog", { name: "Delete runs" });
  await expect(deleteDialog).toContainText("Delete 23 runs?");
  await deleteDialog.getByRole("button", { name: "Delete 23 runs" }).click();
  await expect(deleteDialog.getByRole("status")).toHaveText("23 deleted");
  await deleteDialog.getByRole("button", { name: "Close" }).click();
  expect(await p.states()).toEqual([]);
  await expect(runs).toContainText("No runs match");
});

test("a selection is cleared when the filter changes, and Close leaves the runs as they were", async ({ page, tern }) => {
  const p = await idleProject(tern, "bulk-close");
  await p.run("k-one");
  await page.goto(`/?project=${p.projectId}&window=1h`);
  const runs = page.getByRole("region", { name: "Runs", exact: true });
  await runs.getByRole("checkbox", { name: rowBox("k-one", p.flowName) }).check();
  await runs.getByRole("button", { name: "Delete" }).click();
  const dialog = page.getByRole("dialog", { name: "Delete runs" });
  await expect(dialog).toContainText("Delete 1 run?");
  await dialog.getByRole("button", { name: "Close" }).click();
  await expect(dialog).toBeHidden();
  expect(await p.states()).toEqual(["Scheduled"]);
  await runs.getByLabel("State", { exact: true }).selectOption("Scheduled");
  await expect(runs.getByRole("toolbar", { name: "Bulk actions" })).toContainText("Select runs to act on them.");
  await expect(runs.getByRole("button", { name: "Delete" })).toBeDisabled();
});

test("on a flow's Runs tab: pick rows and set their state, then select every run of the flow across pages and delete them", async ({ page, tern }) => {
  const p = await idleProject(tern, "bulk-flow");
  for (let i = 0; i < 27; i += 1) await p.run(`f-${String(i).padStart(2, "0")}`);
  const found = await tern.gql("query($name: String!) { flow(where: { name: { _eq: $name } }) { flow_group_id } }", { name: p.flowName });
  await page.goto(`/flow/${found.flow[0].flow_group_id}?tab=runs`);
  const runs = page.getByRole("region", { name: "Runs (27)" });
  await expect(runs.getByRole("navigation", { name: "Run pages" })).toContainText("Page 1 of 2");

  await runs.getByRole("checkbox", { name: "Select f-26" }).check();
  await runs.getByRole("checkbox", { name: "Select f-25" }).check();
  const toolbar = runs.getByRole("toolbar", { name: "Bulk actions" });
  await expect(toolbar).toContainText("2 runs selected");
  await toolbar.getByRole("button", { name: "Set state" }).click();
  const setDialog = page.getByRole("dialog", { name: "Set the runs' state" });
  await setDialog.getByLabel("New state").selectOption("Success");
  await setDialog.getByRole("button", { name: "Set 2 runs" }).click();
  await expect(setDialog.getByRole("status")).toHaveText("2 set");
  await setDialog.getByRole("button", { name: "Close" }).click();
  await expect(runs.getByRole("status", { name: "Bulk action result" })).toHaveText("2 set");
  expect((await p.states()).filter((s) => s === "Success")).toHaveLength(2);
  await expect(runs.getByRole("row", { name: /f-26/ })).toContainText("Success");

  await runs.getByRole("checkbox", { name: "Select all on this page" }).check();
  await expect(toolbar).toContainText("25 runs selected");
  await runs.getByRole("button", { name: "Select all 27 runs matching the filter" }).click();
  await expect(runs).toContainText("All 27 runs matching the filter are selected.");
  await toolbar.getByRole("button", { name: "Cancel runs" }).click();
  const cancelDialog = page.getByRole("dialog", { name: "Cancel runs" });
  await cancelDialog.getByRole("button", { name: "Cancel 27 runs" }).click();
  await expect(cancelDialog.getByRole("status")).toHaveText("25 cancelled, 2 already finished");
  await cancelDialog.getByRole("button", { name: "Close" }).click();

  await runs.getByRole("checkbox", { name: "Select all on this page" }).check();
  await runs.getByRole("button", { name: "Select all 27 runs matching the filter" }).click();
  await toolbar.getByRole("button", { name: "Delete" }).click();
  const deleteDialog = page.getByRole("dialog", { name: "Delete runs" });
  await expect(deleteDialog).toContainText("Delete 27 runs?");
  await deleteDialog.getByRole("button", { name: "Delete 27 runs" }).click();
  await expect(deleteDialog.getByRole("status")).toHaveText("27 deleted");
  await deleteDialog.getByRole("button", { name: "Close" }).click();
  expect(await p.states()).toEqual([]);
  await expect(page.getByRole("region", { name: "Runs (0)" })).toContainText("No runs yet.");
});

const AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22a", "wcag22aa", "best-practice"];

for (const theme of ["light", "dark"] as const) {
  test(`the selection banner, a bulk dialog and the chart tooltips have no axe violations (${theme})`, async ({ page, tern }) => {
    const p = await idleProject(tern, `bulk-axe-${theme}`);
    for (let i = 0; i < 21; i += 1) await p.run(`axe-${String(i).padStart(2, "0")}`);
    await page.goto("/agents");
    await page.getByLabel("Theme").selectOption(theme);
    await page.goto(`/?project=${p.projectId}&window=1h`);
    const runs = page.getByRole("region", { name: "Runs", exact: true });
    await runs.getByRole("checkbox", { name: "Select all on this page" }).check();
    await expect(runs.getByRole("button", { name: "Select all 21 runs matching the filter" })).toBeVisible();
    await page.getByRole("region", { name: "Runs over time" }).getByRole("button").last().focus();
    await expect(page.getByRole("tooltip")).toBeVisible();
    const scan = async (what: string) => {
      const { violations } = await new AxeBuilder({ page }).withTags(AXE_TAGS).analyze();
      expect.soft(violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`), what).toEqual([]);
    };
    await scan("banner and tooltip");
    await runs.getByRole("button", { name: "Set state" }).click();
    await expect(page.getByRole("dialog", { name: "Set the runs' state" })).toBeVisible();
    await scan("set-state dialog");
  });
}
