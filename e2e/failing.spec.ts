import { expect, test } from "./fixtures.ts";

test("a failing flow shows red with its error; restart from failed runs the failed part again", async ({ page, tern }) => {
  const project = tern.unique("failing");
  await tern.createProject(project);
  const { flowGroupId } = await tern.registerFlow("examples/failing-flow.ts", project);
  await page.goto(`/flow/${flowGroupId}`);
  await page.getByRole("button", { name: "Quick Run" }).click();
  await expect(page).toHaveURL(/\/flow-run\/[0-9a-f-]{36}/);
  const runId = page.url().split("/flow-run/")[1].split("?")[0];

  const state = page.getByRole("status", { name: "Run state" });
  await expect(state).toHaveText("Failed");
  // Red: the badge is painted with the Failed state colour (#eb0000).
  await expect(state.getByText("Failed")).toHaveCSS("background-color", "rgb(235, 0, 0)");
  await expect(page.getByRole("list", { name: "Log lines" }).getByText(/the upstream service answered 503/).first()).toBeVisible();
  const counts = page.getByRole("list", { name: "Task runs by state" });
  await expect(counts).toContainText("1 Failed");
  await expect(counts).toContainText("1 TriggerFailed");

  // The dashboard lists it under recent failures (by its own name: other journeys on this worker's server fail flows too).
  const { name } = (await tern.gql(`query($id: uuid!) { flow_run_by_pk(id: $id) { name } }`, { id: runId })).flow_run_by_pk as { name: string };
  await page.goto("/");
  await expect(page.getByRole("region", { name: "Recent failures" }).getByRole("link", { name: `failing-flow · ${name}` })).toBeVisible();
  await page.goBack();

  await page.getByRole("button", { name: "Restart from failed" }).click();
  // The run goes back through Scheduled, the agent takes it again, and (the task still throws) it fails again.
  await expect
    .poll(async () => {
      const d = await tern.gql(`query($id: uuid!) { flow_run_by_pk(id: $id) { states(order_by: {timestamp: asc}) { state message } } }`, { id: runId });
      return d.flow_run_by_pk.states.map((s: { state: string }) => s.state).join(",");
    })
    .toMatch(/Failed,Scheduled.*Running.*Failed$/);
  await expect(state).toHaveText("Failed");
  const tr = await tern.gql(`query($id: uuid!) { task_run(where: {flow_run_id: {_eq: $id}}) { state task { name } states { state } } }`, { id: runId });
  const cleanup = tr.task_run.find((t: { task: { name: string } }) => t.task.name === "cleanup");
  const fetchData = tr.task_run.find((t: { task: { name: string } }) => t.task.name === "fetch_data");
  // fetch_data went back to Pending and failed again; cleanup, downstream of it with an all-finished trigger, ran again.
  expect(fetchData.states.map((s: { state: string }) => s.state)).toContain("Pending");
  expect(fetchData.state).toBe("Failed");
  expect(cleanup.state).toBe("Success");
});
