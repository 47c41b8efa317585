import { expect, test } from "./fixtures.ts";

test("a cached task: the first Quick Run runs it, the second shows it Cached with when its result was made", async ({ page, tern }) => {
  const project = tern.unique("caching");
  await tern.createProject(project);
  const { flowGroupId } = await tern.registerFlow("examples/cached-flow.ts", project);
  const fetchRatesRow = () => page.getByRole("row").filter({ has: page.getByRole("link", { name: "fetch_rates", exact: true }) });

  await page.goto(`/flow/${flowGroupId}`);
  await page.getByRole("button", { name: "Quick Run" }).click();
  await expect(page).toHaveURL(/\/flow-run\/[0-9a-f-]{36}/);
  const firstRun = page.url();
  await expect(page.getByRole("status", { name: "Run state" })).toHaveText("Success");
  await expect(fetchRatesRow().getByText("Success", { exact: true })).toBeVisible();
  await expect(page.getByRole("list", { name: "Log lines" }).getByText(/Fetching exchange rates for EUR/)).toBeVisible();

  await page.goto(`/flow/${flowGroupId}`);
  await page.getByRole("button", { name: "Quick Run" }).click();
  await expect(page).not.toHaveURL(firstRun);
  await expect(page).toHaveURL(/\/flow-run\/[0-9a-f-]{36}/);
  await expect(page.getByRole("status", { name: "Run state" })).toHaveText("Success");
  await expect(fetchRatesRow().getByText("Cached", { exact: true })).toBeVisible();
  await expect(page.getByRole("list", { name: "Task runs by state" })).toContainText("1 Cached");
  // The task after it converted with the kept rates; the lookup itself did not run again.
  const logs = page.getByRole("list", { name: "Log lines" });
  await expect(logs.getByText(/100 EUR is/)).toBeVisible();
  await expect(logs.getByText(/Fetching exchange rates/)).toHaveCount(0);

  await fetchRatesRow().getByRole("link", { name: "fetch_rates", exact: true }).click();
  await expect(page).toHaveURL(/\/task-run\/[0-9a-f-]{36}/);
  // The state message, under the heading and again in the state history.
  await expect(page.getByText(/^Using the cached result made at \S+, valid until \S+\.$/).first()).toBeVisible();
  await expect(page.getByRole("heading", { name: "fetch_rates" })).toBeVisible();
});
