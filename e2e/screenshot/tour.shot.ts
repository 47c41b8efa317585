import { mkdirSync } from "node:fs";
import { join } from "node:path";
import type { Page } from "@playwright/test";
import { expect, ROOT, test } from "../fixtures.ts";

/**
 * `npm run screenshot`: a tour of every view at 1440×900, light and dark, saved as
 * docs/screenshots/<view>-<theme>-<TERN_SHOT_TAG>.png. Taking one set before a design change and one
 * after (TERN_SHOT_TAG=before / after) keeps the two side by side in the repo.
 */
const tag = process.env.TERN_SHOT_TAG ?? "current";
const folder = join(ROOT, "docs/screenshots");

test.use({ viewport: { width: 1440, height: 900 } });

async function settled(page: Page) {
  await expect(page.getByRole("heading").first()).toBeVisible();
  await expect(page.getByText(/^Loading/)).toHaveCount(0);
}

test("docs/screenshots: every view, light and dark", async ({ page, tern }) => {
  test.setTimeout(120_000);
  mkdirSync(folder, { recursive: true });
  // The README's shot may have made the tutorial project already on this worker's server.
  const existing = (await tern.gql(`query { project(where: { name: { _eq: "tutorial" } }) { id } }`)).project[0]?.id as string | undefined;
  const projectId = existing ?? (await tern.createProject("tutorial"));
  await tern.registerFlow("examples/hello-flow.ts", "tutorial");
  const { flowGroupId } = await tern.registerFlow("examples/etl-flow.ts", "tutorial");
  await tern.registerFlow("examples/failing-flow.ts", "tutorial");

  // A little history for the dashboard: a few finished runs of each flow, one failing.
  const flows = (await tern.gql(`query { flow { id name } }`)).flow as { id: string; name: string }[];
  for (const flow of flows) {
    await tern.gql(`mutation($id: UUID!) { create_flow_run(input: { flow_id: $id }) { id } }`, { id: flow.id });
  }
  const etl = flows.find((f) => f.name === "etl-flow")!;
  const runId = (await tern.gql(`mutation($id: UUID!) { create_flow_run(input: { flow_id: $id }) { id } }`, { id: etl.id })).create_flow_run.id as string;
  await expect
    .poll(async () => (await tern.gql(`query { flow_run(where: { state: { _in: ["Scheduled", "Submitted", "Running", "Pending"] } }) { id } }`)).flow_run.length, { timeout: 60_000 })
    .toBe(0);
  const taskRunId = (await tern.gql(`query($id: uuid!) { task_run(where: { flow_run_id: { _eq: $id } }, limit: 1) { id } }`, { id: runId })).task_run[0].id as string;

  const views: [string, string][] = [
    ["dashboard", "/"],
    ["projects", `/settings/projects?project=${projectId}`],
    ["flow", `/flow/${flowGroupId}`],
    ["flow-run", `/flow-run/${runId}`],
    ["task-run", `/task-run/${taskRunId}`],
    ["agents", "/agents"],
  ];
  for (const theme of ["light", "dark"] as const) {
    await page.goto("/");
    await page.evaluate((t) => localStorage.setItem("tern.theme", t), theme);
    for (const [name, path] of views) {
      await page.goto(path);
      await settled(page);
      await page.screenshot({ path: join(folder, `${name}-${theme}-${tag}.png`), fullPage: true });
    }
  }
});
