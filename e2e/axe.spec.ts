import AxeBuilder from "@axe-core/playwright";
import type { Page } from "@playwright/test";
import { expect, type TernFixture, test, waitFor } from "./fixtures.ts";

/**
 * axe-core over every view of the SPA, with real data, in the light and the dark theme: zero WCAG 2.0,
 * 2.1 and 2.2 A/AA violations, and none of axe's best practices either (one h1 per page, landmarks).
 * One page load per view; one green run and one failed run serve every run view.
 */
const TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22a", "wcag22aa", "best-practice"];

interface Data {
  flowGroupId: string;
  greenRunId: string;
  failedRunId: string;
  taskRunId: string;
}

async function runToEnd(tern: TernFixture, flowId: string, state: string) {
  const id = (await tern.gql("mutation($input: create_flow_run_input!) { create_flow_run(input: $input) { id } }", { input: { flow_id: flowId } })).create_flow_run.id as string;
  await waitFor(async () => (await tern.gql("query($id: uuid!) { flow_run_by_pk(id: $id) { state } }", { id })).flow_run_by_pk.state === state, `the run to end ${state}`);
  return id;
}

async function seed(tern: TernFixture): Promise<Data> {
  const project = tern.unique("axe");
  await tern.createProject(project);
  const hello = await tern.registerFlow("examples/hello-flow.ts", project);
  const failing = await tern.registerFlow("examples/failing-flow.ts", project);
  const greenRunId = await runToEnd(tern, hello.flowId, "Success");
  const failedRunId = await runToEnd(tern, failing.flowId, "Failed");
  const taskRuns = await tern.gql("query($id: uuid!) { task_run(where: { flow_run_id: { _eq: $id } }) { id state } }", { id: failedRunId });
  const taskRunId = taskRuns.task_run.find((t: { state: string }) => t.state === "Failed").id as string;
  return { flowGroupId: failing.flowGroupId, greenRunId, failedRunId, taskRunId };
}

/** The data is made once per worker (the worker's server keeps it) and shared by both themes. */
let seeded: Promise<Data> | undefined;

interface View {
  name: string;
  path: (d: Data) => string;
  /** Waits until the view shows its data (and opens a dialog where the view is one). */
  ready: (page: Page) => Promise<void>;
}

const heading = (name: string | RegExp) => async (page: Page) => {
  await expect(page.getByRole("heading", { name, level: 1 })).toBeVisible();
};

const tabView = (tablist: string, tab: string) => async (page: Page) => {
  await expect(page.getByRole("tablist", { name: tablist }).getByRole("tab", { name: tab, exact: true })).toHaveAttribute("aria-selected", "true");
  await expect(page.getByRole("tabpanel", { name: tab, exact: true })).toBeVisible();
  await expect(page.getByRole("tabpanel").getByRole("status", { name: "Loading" })).toHaveCount(0);
};

const FLOW_TABS = [
  ["overview", "Overview"],
  ["tasks", "Tasks"],
  ["runs", "Runs"],
  ["versions", "Versions"],
  ["schematic", "Schematic"],
  ["run", "Run"],
] as const;

const RUN_TABS = [
  ["overview", "Overview"],
  ["schematic", "Schematic"],
  ["timeline", "Timeline"],
  ["history", "History"],
] as const;

const VIEWS: View[] = [
  { name: "dashboard", path: () => "/", ready: heading("Dashboard") },
  { name: "projects settings", path: () => "/settings/projects", ready: heading("Projects") },
  { name: "agents", path: () => "/agents", ready: heading("Agents") },
  ...FLOW_TABS.map(([id, label]) => ({ name: `flow, ${label} tab`, path: (d: Data) => `/flow/${d.flowGroupId}?tab=${id}`, ready: tabView("Flow views", label) })),
  ...RUN_TABS.map(([id, label]) => ({ name: `green run, ${label} tab`, path: (d: Data) => `/flow-run/${d.greenRunId}?tab=${id}`, ready: tabView("Run views", label) })),
  ...RUN_TABS.map(([id, label]) => ({ name: `failed run, ${label} tab`, path: (d: Data) => `/flow-run/${d.failedRunId}?tab=${id}`, ready: tabView("Run views", label) })),
  {
    name: "task run",
    path: (d) => `/task-run/${d.taskRunId}`,
    ready: async (page) => {
      await expect(page.getByRole("status", { name: "Task run state" })).toHaveText("Failed");
    },
  },
  { name: "no such page", path: () => "/no-such-page", ready: heading("Page not found") },
  {
    name: "unknown run",
    path: () => "/flow-run/00000000-0000-4000-8000-000000000000",
    ready: async (page) => {
      await heading("Not found")(page);
      await expect(page.getByRole("alert")).toContainText("Not found");
    },
  },
  {
    name: "new-project dialog",
    path: () => "/",
    ready: async (page) => {
      await page.getByRole("button", { name: "New project" }).click();
      await expect(page.getByRole("dialog", { name: "New project" })).toBeVisible();
    },
  },
  {
    name: "run-again dialog",
    path: (d) => `/flow-run/${d.failedRunId}`,
    ready: async (page) => {
      await page.getByRole("button", { name: "Run again" }).click();
      await expect(page.getByRole("dialog", { name: "Run again" })).toBeVisible();
    },
  },
  {
    name: "set-state dialog",
    path: (d) => `/flow-run/${d.failedRunId}`,
    ready: async (page) => {
      await page.getByRole("button", { name: "Set state" }).click();
      await expect(page.getByRole("dialog", { name: "Set the run's state" })).toBeVisible();
    },
  },
];

function describeViolations(view: string, violations: Awaited<ReturnType<AxeBuilder["analyze"]>>["violations"]) {
  const lines = violations.flatMap((v) => [`  ${v.id} (${v.impact}): ${v.help}`, ...v.nodes.map((n) => `    at ${n.target.join(" ")}`)]);
  return `axe violations on ${view}:\n${lines.join("\n")}`;
}

for (const theme of ["light", "dark"] as const) {
  test(`every view has zero axe violations (WCAG A/AA, best practices) in the ${theme} theme`, async ({ page, tern }) => {
    test.setTimeout(300_000);
    seeded ??= seed(tern);
    const data = await seeded;
    // The theme is chosen in the shell, as a user would; the choice persists for the rest of the visit.
    await page.goto("/agents");
    await page.getByLabel("Theme").selectOption(theme);
    if (theme === "dark") await expect(page.locator("html")).toHaveClass(/dark/);
    else await expect(page.locator("html")).not.toHaveClass(/dark/);

    for (const view of VIEWS) {
      await test.step(view.name, async () => {
        await page.goto(view.path(data));
        await view.ready(page);
        const { violations } = await new AxeBuilder({ page }).withTags(TAGS).analyze();
        expect.soft(violations.map((v) => v.id), describeViolations(`${view.name} (${theme})`, violations)).toEqual([]);
      });
    }
  });
}
