import { writeFileSync } from "node:fs";
import type { Page } from "@playwright/test";
import { expect, test } from "./fixtures.ts";

/**
 * User strings carrying markup and script, stored through the real API, SDK and engine, must show in
 * the dashboard as the characters typed: visible as text, never parsed into elements, never run.
 */

const IMG = "<img src=x onerror=alert(1)>";
const SCRIPT = '<script>alert("tern")</script>';
const SVG = '"><svg onload=alert(document.domain)>';
const SQL = "'; DROP TABLE project; --";

/** Elements the payloads would create if any view rendered them as HTML. */
async function expectNoInjectedElements(page: Page) {
  await expect(page.locator("img[src='x'], [onerror], [onload]")).toHaveCount(0);
  await expect(page.locator("script", { hasText: "alert" })).toHaveCount(0);
  await expect(page.locator("body svg[onload]")).toHaveCount(0);
}

/** A flow file whose flow, task and parameter names carry the payloads; its task logs its input. */
function hostileFlowSource(names: { flow: string; task: string; parameter: string; defaultValue: string; logLine: string }): string {
  const s = (value: string) => JSON.stringify(value);
  return `import { context, Flow, Parameter, task } from "tern";
export const shout = task((text: string) => {
  context.logger.info(${s(names.logLine)});
  context.logger.warn(text);
}, { name: ${s(names.task)} });
export const flow = new Flow(${s(names.flow)}, () => {
  shout(Parameter(${s(names.parameter)}, { default: ${s(names.defaultValue)} }));
});
`;
}

test("HTML and script payloads in names, parameters and logs show as inert text", async ({ page, tern }, testInfo) => {
  const dialogs: string[] = [];
  page.on("dialog", async (dialog) => {
    dialogs.push(dialog.message());
    await dialog.dismiss();
  });

  const project = `${IMG} ${tern.unique("proj")}`;
  const description = `${SVG} ${SQL}`;
  const names = {
    flow: `${SCRIPT} ${tern.unique("flow")}`,
    task: `${IMG} task`,
    parameter: `${SVG} param`,
    defaultValue: `${SCRIPT} default`,
    logLine: `${IMG} logged by the task`,
  };
  const runName = `${SCRIPT} ${tern.unique("run")}`;
  const runParameter = `${IMG} ${SQL} from the run`;

  const projectId = (await tern.gql("mutation($input: create_project_input!) { create_project(input: $input) { id } }", { input: { name: project, description } })).create_project.id as string;
  // Inside the test's output folder the file resolves `tern` like the examples do.
  const file = testInfo.outputPath("hostile-flow.ts");
  writeFileSync(file, hostileFlowSource(names));
  const { flowId, flowGroupId } = await tern.registerFlow(file, project);
  const created = await tern.gql("mutation($input: create_flow_run_input!) { create_flow_run(input: $input) { id } }", {
    input: { flow_id: flowId, flow_run_name: runName, parameters: { [names.parameter]: runParameter } },
  });
  const runId: string = created.create_flow_run.id;
  // A run an hour away stays in the dashboard's Upcoming tile.
  const laterName = `${IMG} ${tern.unique("later")}`;
  await tern.gql("mutation($input: create_flow_run_input!) { create_flow_run(input: $input) { id } }", {
    input: { flow_id: flowId, flow_run_name: laterName, scheduled_start_time: new Date(Date.now() + 3_600_000).toISOString() },
  });

  // Flow-run page: the run's name, its flow and project, and every log line as typed.
  await page.goto(`/flow-run/${runId}`);
  await expect(page.getByRole("status", { name: "Run state" })).toHaveText("Success");
  await expect(page.getByRole("heading", { name: runName })).toBeVisible();
  await expect(page.getByRole("link", { name: names.flow })).toBeVisible();
  await expect(page.getByRole("link", { name: project })).toBeVisible();
  const lines = page.getByRole("list", { name: "Log lines" });
  await expect(lines.getByText(names.logLine)).toBeVisible();
  await expect(lines.getByText(runParameter)).toBeVisible();
  await expectNoInjectedElements(page);

  // Dashboard, scoped to the project (other journeys on this worker's server keep their own runs
  // scheduled, which would crowd the Upcoming tile): the flows table (flow and project) and the
  // Upcoming tile (flow · run).
  await page.goto(`/?project=${projectId}`);
  await expect(page.getByRole("heading", { name: "Dashboard" })).toBeVisible();
  const flowRow = page.getByRole("row").filter({ hasText: names.flow });
  await expect(flowRow.getByRole("cell", { name: project })).toBeVisible();
  await expect(page.getByRole("link", { name: `${names.flow} · ${laterName}` })).toBeVisible();
  await expectNoInjectedElements(page);

  // Project settings: the project's name and description.
  await page.goto("/settings/projects");
  const row = page.getByRole("row").filter({ hasText: project });
  await expect(row).toBeVisible();
  await expect(row.getByText(description)).toBeVisible();
  await expectNoInjectedElements(page);

  // Flow page: the name as its heading, the task on the Tasks tab, the parameter on the Run tab.
  await page.goto(`/flow/${flowGroupId}`);
  await expect(page.getByRole("heading", { name: names.flow })).toBeVisible();
  await page.getByRole("tab", { name: "Tasks", exact: true }).click();
  await expect(page.getByText(names.task).first()).toBeVisible();
  await page.getByRole("tab", { name: "Run", exact: true }).click();
  await expect(page.getByText(names.parameter).first()).toBeVisible();
  const parametersJson = page.getByLabel("Parameters (JSON)");
  await expect.poll(async () => JSON.parse(await parametersJson.inputValue())).toEqual({ [names.parameter]: names.defaultValue });
  await expectNoInjectedElements(page);

  expect(dialogs).toEqual([]);
});

test("text that cannot be stored as sent: a lone surrogate in a name is refused with a code; a task's line cut inside an emoji shows with U+FFFD and its run goes green", async ({ page, tern }, testInfo) => {
  const refused = await fetch(tern.graphqlUrl, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ query: "mutation($input: create_project_input!) { create_project(input: $input) { id } }", variables: { input: { name: `half \ud800 ${tern.unique("proj")}` } } }),
  });
  expect(refused.status).toBe(400);
  expect((await refused.json()).errors[0].extensions.code).toBe("BAD_USER_INPUT");

  const project = tern.unique("surrogates");
  await tern.createProject(project);
  const file = testInfo.outputPath("cut-line-flow.ts");
  writeFileSync(
    file,
    `import { context, Flow, task } from "tern";
export const cut = task(() => {
  context.logger.info("cut here 🙂".slice(0, 10));
  context.logger.info("and the line after");
}, { name: "cut" });
export const flow = new Flow(${JSON.stringify(tern.unique("cut-flow"))}, () => {
  cut();
});
`,
  );
  const { flowId } = await tern.registerFlow(file, project);
  const created = await tern.gql("mutation($input: create_flow_run_input!) { create_flow_run(input: $input) { id } }", { input: { flow_id: flowId } });
  await page.goto(`/flow-run/${created.create_flow_run.id}`);
  await expect(page.getByRole("status", { name: "Run state" })).toHaveText("Success");
  const lines = page.getByRole("list", { name: "Log lines" });
  await expect(lines.getByText("cut here \uFFFD", { exact: true })).toBeVisible();
  await expect(lines.getByText("and the line after", { exact: true })).toBeVisible();
});
