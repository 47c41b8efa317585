import type { Request } from "@playwright/test";
import { expect, test } from "./fixtures.ts";

/** The live queries a page added to its event stream, by operation name, in order. */
function watchSubscriptions(page: import("@playwright/test").Page): string[] {
  const names: string[] = [];
  page.on("request", (request: Request) => {
    if (request.method() !== "POST" || new URL(request.url()).pathname !== "/graphql/stream") return;
    const body = request.postDataJSON() as { operationName?: string } | null;
    if (body?.operationName) names.push(body.operationName);
  });
  return names;
}

test("Quick Run: the new run's state and its task rows come on one live query, opened as the run is created", async ({ page, tern }) => {
  const project = tern.unique("quickstreams");
  await tern.createProject(project);
  const { flowGroupId } = await tern.registerFlow("examples/etl-flow.ts", project);
  await page.goto(`/flow/${flowGroupId}`);
  const subscriptions = watchSubscriptions(page);
  await page.getByRole("button", { name: "Quick Run" }).click();
  const rows = page.getByRole("region", { name: "Task runs" }).getByRole("table").getByRole("row");
  await expect(page.getByRole("status", { name: "Run state" })).toHaveText("Success");
  // Every task row green: only the header row lacks "Success".
  await expect(rows.filter({ hasNotText: "Success" })).toHaveCount(1);
  const tasks = await rows.count();
  expect(tasks).toBeGreaterThan(3);
  // The run's own live query carries the table's first page: no stream of the table's own, and the
  // agents (why a run waits) are not asked for a run that did not wait.
  expect(subscriptions.filter((n) => n === "FlowRun_detail")).toHaveLength(1);
  expect(subscriptions).not.toContain("FlowRun_taskRuns");
  expect(subscriptions).not.toContain("Agents_list");
  // The run page's first: the run's own, sent as the run was created.
  expect(subscriptions.find((n) => n.startsWith("FlowRun_") || n === "TaskRunCounts")).toBe("FlowRun_detail");
  // The counts wait until the run has finished (or a moment has passed), and then come.
  await expect(page.getByRole("list", { name: "Task runs by state" })).toContainText(`${tasks - 1} Success`);
  expect(subscriptions.filter((n) => n === "TaskRunCounts")).toHaveLength(1);

  // Any other page of the table has a live query of its own, and the first page is the run's again.
  await page.getByLabel("Filter by state").selectOption("Success");
  await expect(page).toHaveURL(/state=Success/);
  await expect(rows.filter({ hasText: "Success" })).toHaveCount(tasks - 1);
  await expect.poll(() => subscriptions.filter((n) => n === "FlowRun_taskRuns").length).toBe(1);
  await page.getByLabel("Filter by state").selectOption("");
  await expect(page).not.toHaveURL(/state=/);
  await expect(rows).toHaveCount(tasks);
  await expect(rows.filter({ hasNotText: "Success" })).toHaveCount(1);
  expect(subscriptions.filter((n) => n === "FlowRun_taskRuns")).toHaveLength(1);
});
