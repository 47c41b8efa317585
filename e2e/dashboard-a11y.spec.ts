import { expect, type TernFixture, test, waitFor } from "./fixtures.ts";

async function finishedRuns(tern: TernFixture, count: number) {
  const project = tern.unique("history");
  await tern.createProject(project);
  const { flowId, flowGroupId } = await tern.registerFlow("examples/hello-flow.ts", project);
  for (let i = 0; i < count; i += 1) {
    const id = (await tern.gql("mutation($input: create_flow_run_input!) { create_flow_run(input: $input) { id } }", { input: { flow_id: flowId } })).create_flow_run.id;
    await waitFor(async () => (await tern.gql("query($id: uuid!) { flow_run_by_pk(id: $id) { state } }", { id })).flow_run_by_pk.state === "Success", "the run to succeed");
  }
  return { flowGroupId };
}

test("a run-history chart is one tab stop with a text summary, browsed with arrow keys, bars 24 px wide", async ({ page, tern }) => {
  const { flowGroupId } = await finishedRuns(tern, 3);
  await page.goto(`/flow/${flowGroupId}`);
  const chart = page.getByRole("group", { name: "Run history, 3 runs: 3 Success" });
  await expect(chart).toBeVisible();
  const bars = chart.getByRole("link");
  await expect(bars).toHaveCount(3);
  for (const bar of await bars.all()) {
    const box = await bar.boundingBox();
    expect(box?.width).toBeGreaterThanOrEqual(24);
    expect(box?.height).toBeGreaterThanOrEqual(24);
  }
  // Tabbing reaches the newest bar, and the next Tab leaves the chart.
  let inChart = false;
  for (let i = 0; i < 60 && !inChart; i += 1) {
    await page.keyboard.press("Tab");
    inChart = (await chart.locator(":focus").count()) > 0;
  }
  await expect(bars.first()).toBeFocused();
  await expect(bars.first()).toHaveAccessibleName(/: Success, /);
  await page.keyboard.press("ArrowLeft");
  await expect(bars.nth(1)).toBeFocused();
  await page.keyboard.press("Home");
  await expect(bars.nth(2)).toBeFocused();
  await page.keyboard.press("End");
  await expect(bars.first()).toBeFocused();
  await page.keyboard.press("Tab");
  await expect(chart.locator(":focus")).toHaveCount(0);
});

test("a skip link is the first tab stop and moves focus to the main content", async ({ page }) => {
  await page.goto("/agents");
  await expect(page.getByRole("heading", { name: "Agents" })).toBeVisible();
  await page.keyboard.press("Tab");
  const skip = page.getByRole("link", { name: "Skip to main content" });
  await expect(skip).toBeFocused();
  await expect(skip).toBeInViewport();
  await page.keyboard.press("Enter");
  await expect(page.getByRole("main")).toBeFocused();
});

test("tabs follow the WAI-ARIA pattern: one tab stop, arrow keys and Home/End, a labelled tab panel", async ({ page, tern }) => {
  const project = tern.unique("tabs");
  await tern.createProject(project);
  const { flowGroupId } = await tern.registerFlow("examples/hello-flow.ts", project);
  await page.goto(`/flow/${flowGroupId}`);
  const tablist = page.getByRole("tablist", { name: "Flow views" });
  const overview = tablist.getByRole("tab", { name: "Overview" });
  await expect(overview).toHaveAttribute("aria-selected", "true");
  await expect(page.getByRole("tabpanel", { name: "Overview" })).toBeVisible();
  await overview.focus();
  await page.keyboard.press("ArrowRight");
  const tasks = tablist.getByRole("tab", { name: "Tasks" });
  await expect(tasks).toBeFocused();
  await expect(tasks).toHaveAttribute("aria-selected", "true");
  await expect(page).toHaveURL(/tab=tasks/);
  await expect(page.getByRole("tabpanel", { name: "Tasks" })).toBeVisible();
  await page.keyboard.press("End");
  await expect(tablist.getByRole("tab", { name: "Run", exact: true })).toBeFocused();
  await expect(page.getByRole("tabpanel", { name: "Run", exact: true }).getByLabel("Parameters (JSON)")).toBeVisible();
  await page.keyboard.press("ArrowRight");
  await expect(overview).toBeFocused();
  await page.keyboard.press("ArrowLeft");
  await page.keyboard.press("Home");
  await expect(overview).toBeFocused();
  // One tab stop: Tab from the selected tab goes into the panel, not to the next tab.
  await page.keyboard.press("Tab");
  await expect(page.getByRole("tabpanel", { name: "Overview" })).toBeFocused();
});

test("the dashboard does not shift as its tiles load (reserved tile heights: layout shift under 0.01)", async ({ page, tern }) => {
  await finishedRuns(tern, 1);
  // A phone-sized window (one column of tiles, as Lighthouse measures) and answers that arrive one by
  // one, in no fixed order, as on a slow network.
  await page.setViewportSize({ width: 412, height: 823 });
  let answered = 0;
  await page.route("**/graphql*", async (route) => {
    if (route.request().headers().accept === "text/event-stream") return route.continue();
    answered += 1;
    await new Promise((resolve) => setTimeout(resolve, [400, 100, 700, 250, 550][answered % 5]));
    await route.continue();
  });
  await page.addInitScript(() => {
    (window as unknown as { cls: number }).cls = 0;
    new PerformanceObserver((list) => {
      for (const entry of list.getEntries() as (PerformanceEntry & { value: number; hadRecentInput: boolean })[]) {
        if (!entry.hadRecentInput) (window as unknown as { cls: number }).cls += entry.value;
      }
    }).observe({ type: "layout-shift", buffered: true });
  });
  await page.goto("/");
  await expect(page.getByLabel(/^Recent runs/)).toBeVisible();
  await expect(page.getByRole("status", { name: "Loading" })).toHaveCount(0);
  expect(await page.evaluate(() => (window as unknown as { cls: number }).cls)).toBeLessThan(0.01);
});
