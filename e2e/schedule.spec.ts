import { expect, test } from "./fixtures.ts";

const RUNS = `query($id: uuid!, $state: String!) {
  flow_run(where: { flow_id: { _eq: $id }, state: { _eq: $state }, auto_scheduled: { _eq: true } }) { id parameters }
}`;

test("a flow registered with interval({ seconds: 4 }) shows its schedule, runs on it, and its switch turns it off and on", async ({ page, tern }) => {
  const project = tern.unique("schedule");
  await tern.createProject(project);
  const { flowGroupId, flowId } = await tern.registerFlow("e2e/flows/every-few-seconds.ts", project);
  const runsIn = async (state: string) => (await tern.gql(RUNS, { id: flowId, state })).flow_run as { id: string; parameters: Record<string, unknown> }[];

  await page.goto(`/flow/${flowGroupId}`);
  const schedule = page.getByRole("region", { name: "Schedule" });
  await expect(schedule).toContainText("Every 4 seconds");
  const nextRuns = schedule.getByRole("list", { name: "Next runs" });
  await expect(nextRuns.getByRole("listitem")).not.toHaveCount(0);
  const toggle = page.getByRole("checkbox", { name: "Schedule" });
  await expect(toggle).toBeChecked();

  // A run the scheduler made is taken by the agent and succeeds, with the flow's default parameter.
  await expect.poll(async () => (await runsIn("Success")).length, { timeout: 60_000 }).toBeGreaterThan(0);
  expect((await runsIn("Success"))[0].parameters).toEqual({ who: "clock" });

  await toggle.uncheck();
  await expect(schedule).toContainText("The schedule is off");
  await expect(nextRuns).toBeHidden();
  await expect(toggle).not.toBeChecked();
  // Its future runs are dropped (a scheduler pass under way meanwhile has its additions dropped on the next).
  await expect.poll(async () => (await runsIn("Scheduled")).length).toBe(0);

  await toggle.check();
  await expect(toggle).toBeChecked();
  await expect(nextRuns.getByRole("listitem")).not.toHaveCount(0);

  // Leave the worker's server quiet for the journeys after this one.
  await toggle.uncheck();
  await expect(schedule).toContainText("The schedule is off");
});
