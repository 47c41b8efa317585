import AxeBuilder from "@axe-core/playwright";
import type { Locator, Page } from "@playwright/test";
import { expect, type TernFixture, test } from "./fixtures.ts";
import { createIdleFlow, type TaskSpec } from "./idle-flow.ts";

/**
 * The run page's Timeline and Schematic tabs, on runs seeded through the API: flows whose runs no agent
 * picks up (their label matches none), so each test sets the task states it needs and watches the page.
 */

async function seedRun(tern: TernFixture, tasks: TaskSpec[], edges: [string, string][]) {
  const projectId = await tern.createProject(tern.unique("visuals"));
  const flowId = await createIdleFlow(tern, projectId, tern.unique("visual-flow"), tasks, edges);
  const run = await tern.gql("mutation($input: create_flow_run_input!) { create_flow_run(input: $input) { id } }", { input: { flow_id: flowId } });
  const runId: string = run.create_flow_run.id;
  const rows = await tern.gql("query($id: uuid!) { task_run(where: {flow_run_id: {_eq: $id}}) { id task_id task { slug } } }", { id: runId });
  const bySlug = new Map<string, { id: string; taskId: string }>(rows.task_run.map((t: { id: string; task_id: string; task: { slug: string } }) => [t.task.slug, { id: t.id, taskId: t.task_id }]));
  return { runId, taskRun: (slug: string) => bySlug.get(slug) as { id: string; taskId: string } };
}

const setTaskStates = (tern: TernFixture, states: [string, string][]) =>
  tern.gql("mutation($input: set_task_run_states_input!) { set_task_run_states(input: $input) { states { status } } }", {
    input: { states: states.map(([id, type]) => ({ task_run_id: id, state: { type } })) },
  });

const startRun = (tern: TernFixture, runId: string) =>
  tern.gql("mutation($input: set_flow_run_states_input!) { set_flow_run_states(input: $input) { states { status } } }", {
    input: { states: [{ flow_run_id: runId, state: { type: "Running" } }] },
  });

const ETL: TaskSpec[] = [
  { slug: "extract-1", name: "extract" },
  { slug: "transform-1", name: "transform" },
  { slug: "transform-2", name: "transform" },
  { slug: "load-1", name: "load" },
];
const ETL_EDGES: [string, string][] = [
  ["extract-1", "transform-1"],
  ["transform-1", "transform-2"],
  ["transform-2", "load-1"],
];

/** A run that has started: extract done, the first transform running. */
async function startedEtlRun(tern: TernFixture) {
  const seeded = await seedRun(tern, ETL, ETL_EDGES);
  await startRun(tern, seeded.runId);
  await setTaskStates(tern, [[seeded.taskRun("extract-1").id, "Running"]]);
  await setTaskStates(tern, [
    [seeded.taskRun("extract-1").id, "Success"],
    [seeded.taskRun("transform-1").id, "Running"],
  ]);
  return seeded;
}

const box = async (locator: Locator) => {
  const b = await locator.boundingBox();
  if (!b) throw new Error("not rendered");
  return b;
};

const inside = (inner: { x: number; y: number; width: number; height: number }, outer: { x: number; y: number; width: number; height: number }) =>
  inner.x >= outer.x && inner.y >= outer.y && inner.x + inner.width <= outer.x + outer.width && inner.y + inner.height <= outer.y + outer.height;

const schematicOf = (page: Page) => page.getByRole("group", { name: "Task schematic" });

test("timeline: time axis from the run's start, legend, queue time apart, repeated names told apart, rows open task runs", async ({ page, tern }) => {
  const { runId, taskRun } = await startedEtlRun(tern);
  await page.goto(`/flow-run/${runId}?tab=timeline`);
  const rows = page.getByRole("list", { name: "Task run timeline" });
  await expect(rows.getByRole("listitem")).toHaveCount(4);
  await expect(page.getByRole("list", { name: "Time axis" }).getByRole("listitem").first()).toHaveText("0");
  const legend = page.getByRole("list", { name: "Timeline legend" });
  await expect(legend.getByText("Running", { exact: true })).toBeVisible();
  await expect(legend.getByText("Success", { exact: true })).toBeVisible();
  await expect(page.getByText(/^Queued for .+ before running; the time axis starts when the run started/)).toBeVisible();
  await expect(page.getByText(/^Showing \d+ of/)).toHaveCount(0);

  await expect(rows.getByRole("link", { name: "transform (1)" })).toBeVisible();
  await rows.getByRole("link", { name: "transform (2)" }).click();
  await expect(page).toHaveURL(`/task-run/${taskRun("transform-2").id}`);
});

test("timeline: past 200 task runs it says how many it shows", async ({ page, tern }) => {
  const tasks = Array.from({ length: 205 }, (_, i) => ({ slug: `step-${i}`, name: `step_${i}` }));
  const { runId } = await seedRun(tern, tasks, []);
  await page.goto(`/flow-run/${runId}?tab=timeline`);
  // Nothing has run yet: the queue time is all there is to tell.
  await expect(page.getByText(/^Nothing has run yet; queued for/)).toBeVisible();
  await expect(page.getByText("Showing 200 of 205 task runs (earliest first)")).toBeVisible();
  await startRun(tern, runId);
  await expect(page.getByRole("list", { name: "Task run timeline" }).getByRole("listitem")).toHaveCount(200);
  await expect(page.getByText("Showing 200 of 205 task runs (earliest first)")).toBeVisible();
});

test("schematic: fits on load, zooms at the cursor and by buttons, opens task runs by click and by keyboard", async ({ page, tern }) => {
  const { runId, taskRun } = await startedEtlRun(tern);
  await page.goto(`/flow-run/${runId}?tab=schematic`);
  const schematic = schematicOf(page);
  const load = schematic.getByRole("link", { name: "load: Pending" });
  const transform1 = schematic.getByRole("link", { name: "transform (1): Running" });
  await expect(schematic.getByRole("link")).toHaveCount(4);
  await expect(schematic.getByRole("link", { name: "extract: Success" })).toBeVisible();
  await expect(schematic.getByRole("link", { name: "transform (2): Pending" })).toBeVisible();

  // Fitted: every node lies inside the drawing.
  const frame = await box(schematic);
  for (const node of await schematic.getByRole("link").all()) expect(inside(await box(node), frame)).toBe(true);

  const fitted = (await box(load)).width;
  await page.getByRole("button", { name: "Zoom in" }).click();
  await expect.poll(async () => (await box(load)).width).toBeGreaterThan(fitted * 1.2);
  await page.getByRole("button", { name: "Fit" }).click();
  await expect.poll(async () => (await box(load)).width).toBeCloseTo(fitted, 0);
  await page.getByRole("button", { name: "Zoom out" }).click();
  await expect.poll(async () => (await box(load)).width).toBeLessThan(fitted * 0.9);
  await page.getByRole("button", { name: "Fit" }).click();
  await expect.poll(async () => (await box(load)).width).toBeCloseTo(fitted, 0);

  // The wheel zooms at the cursor: the node under it grows and stays under it.
  const before = await box(transform1);
  const at = { x: before.x + before.width / 4, y: before.y + before.height / 2 };
  await page.mouse.move(at.x, at.y);
  await page.mouse.wheel(0, -400);
  await expect.poll(async () => (await box(transform1)).width).toBeGreaterThan(before.width * 1.3);
  expect(inside({ ...at, width: 0, height: 0 }, await box(transform1))).toBe(true);

  // Keyboard: one Tab stop into the drawing (the first node), arrows to neighbours, Enter opens.
  await page.getByRole("button", { name: "Fit" }).click();
  await page.getByRole("button", { name: "Fit" }).focus();
  await page.keyboard.press("Tab");
  await expect(schematic.getByRole("link", { name: "extract: Success" })).toBeFocused();
  await page.keyboard.press("ArrowRight");
  await expect(transform1).toBeFocused();
  await page.keyboard.press("ArrowRight");
  await expect(schematic.getByRole("link", { name: "transform (2): Pending" })).toBeFocused();
  await page.keyboard.press("ArrowLeft");
  await expect(transform1).toBeFocused();
  await page.keyboard.press("Enter");
  await expect(page).toHaveURL(`/task-run/${taskRun("transform-1").id}`);

  await page.goBack();
  await schematic.getByRole("link", { name: "load: Pending" }).click();
  await expect(page).toHaveURL(`/task-run/${taskRun("load-1").id}`);
});

test("schematic: above the size limit drawing is an explicit opt-in", async ({ page, tern }) => {
  const tasks = Array.from({ length: 401 }, (_, i) => ({ slug: `step-${i}`, name: `step_${i}` }));
  const { runId } = await seedRun(tern, tasks, []);
  await page.goto(`/flow-run/${runId}?tab=schematic`);
  await expect(page.getByText("This run has 401 tasks; drawing may be slow.")).toBeVisible();
  await expect(schematicOf(page)).toHaveCount(0);
  await page.getByRole("button", { name: "Draw anyway" }).click();
  await expect(schematicOf(page).getByRole("link")).toHaveCount(401);
});

test("a mapped task is one node and one timeline row, counting its children live", async ({ page, tern }) => {
  const { runId, taskRun } = await seedRun(
    tern,
    [
      { slug: "numbers-1", name: "numbers" },
      { slug: "square-1", name: "square", mapped: true },
      { slug: "total-1", name: "total" },
    ],
    [
      ["numbers-1", "square-1"],
      ["square-1", "total-1"],
    ],
  );
  const parent = taskRun("square-1");
  const children: string[] = [];
  for (let i = 0; i < 10; i++) {
    const child = await tern.gql("mutation($input: get_or_create_task_run_info_input!) { get_or_create_task_run_info(input: $input) { id } }", {
      input: { flow_run_id: runId, task_id: parent.taskId, map_index: i },
    });
    children.push(child.get_or_create_task_run_info.id);
  }
  await startRun(tern, runId);
  await setTaskStates(tern, [[taskRun("numbers-1").id, "Success"], [parent.id, "Mapped"], ...children.slice(0, 6).map((id): [string, string] => [id, "Running"])]);
  await setTaskStates(tern, [...children.slice(0, 3).map((id): [string, string] => [id, "Success"]), [children[3], "Failed"]]);

  await page.goto(`/flow-run/${runId}?tab=schematic`);
  const schematic = schematicOf(page);
  await expect(schematic.getByRole("link")).toHaveCount(3);
  const group = schematic.getByRole("link", { name: /^square, mapped/ });
  await expect(group).toHaveAccessibleName("square, mapped: 4 of 10 children finished (3 Success, 1 Failed, 2 Running, 4 Pending)");
  await setTaskStates(tern, children.slice(6).map((id): [string, string] => [id, "Success"]));
  await expect(group).toHaveAccessibleName("square, mapped: 8 of 10 children finished (7 Success, 1 Failed, 2 Running)");
  await group.click();
  await expect(page).toHaveURL(`/task-run/${parent.id}`);

  await page.goto(`/flow-run/${runId}?tab=timeline`);
  const rows = page.getByRole("list", { name: "Task run timeline" }).getByRole("listitem");
  await expect(rows).toHaveCount(3);
  const square = rows.filter({ has: page.getByRole("link", { name: "square", exact: true }) });
  await expect(square).toContainText("Mapped ×10: 7 Success, 1 Failed, 2 Running");
  await setTaskStates(tern, children.slice(4, 6).map((id): [string, string] => [id, "Success"]));
  await expect(square).toContainText("Mapped ×10: 9 Success, 1 Failed");

  // The grouped node and row hold to the same accessibility bar as every view (axe.spec.ts), in both themes.
  for (const theme of ["light", "dark"] as const) {
    await page.getByLabel("Theme").selectOption(theme);
    for (const [tab, ready] of [
      ["schematic", schematicOf(page).getByRole("link", { name: /^square, mapped/ })],
      ["timeline", square],
    ] as const) {
      await page.goto(`/flow-run/${runId}?tab=${tab}`);
      await expect(ready).toBeVisible();
      const { violations } = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22a", "wcag22aa", "best-practice"]).analyze();
      expect(violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`), `${tab} (${theme})`).toEqual([]);
    }
  }
});

test("10,000 mapped children: one node and one row from counts, never the children themselves, still live", async ({ page, tern }) => {
  test.setTimeout(180_000);
  const CHILDREN = 10_000;
  const { runId, taskRun } = await seedRun(
    tern,
    [
      { slug: "numbers-1", name: "numbers" },
      { slug: "square-1", name: "square", mapped: true },
    ],
    [["numbers-1", "square-1"]],
  );
  const parent = taskRun("square-1");
  // In one call, as the engine makes a mapped task's children.
  await tern.gql("mutation($input: get_or_create_mapped_task_runs_input!) { get_or_create_mapped_task_runs(input: $input) { task_runs { id } } }", {
    input: { flow_run_id: runId, task_id: parent.taskId, count: CHILDREN },
  });
  await startRun(tern, runId);
  await setTaskStates(tern, [[parent.id, "Mapped"]]);

  // Every plain GraphQL answer the page gets stays small: 10,000 children would be megabytes.
  const sizes: Promise<number>[] = [];
  page.on("response", (response) => {
    if (response.url().includes("/graphql") && /json/.test(response.headers()["content-type"] ?? "")) sizes.push(response.body().then((b) => b.length));
  });
  await page.goto(`/flow-run/${runId}?tab=schematic`);
  const group = schematicOf(page).getByRole("link", { name: /^square, mapped/ });
  await expect(group).toHaveAccessibleName("square, mapped: 0 of 10,000 children finished (10,000 Pending)");

  const done = await tern.gql("query($id: uuid!, $task: uuid!) { task_run(where: {flow_run_id: {_eq: $id}, task_id: {_eq: $task}, map_index: {_gte: 0}}, order_by: {map_index: asc}, limit: 1000) { id } }", {
    id: runId,
    task: parent.taskId,
  });
  await setTaskStates(
    tern,
    done.task_run.map((t: { id: string }): [string, string] => [t.id, "Success"]),
  );
  await expect(group).toHaveAccessibleName("square, mapped: 1,000 of 10,000 children finished (1,000 Success, 9,000 Pending)");

  await page.getByRole("tab", { name: "Timeline" }).click();
  const rows = page.getByRole("list", { name: "Task run timeline" }).getByRole("listitem");
  await expect(rows).toHaveCount(2);
  await expect(rows.filter({ has: page.getByRole("link", { name: "square", exact: true }) })).toContainText("Mapped ×10,000: 1,000 Success, 9,000 Pending");
  const answered = await Promise.all(sizes);
  expect(answered.length).toBeGreaterThan(0);
  expect(Math.max(...answered)).toBeLessThan(50_000);
});

test("a mapped flow's run page shows the grouped node filling live", async ({ page, tern }) => {
  const project = tern.unique("mapped");
  await tern.createProject(project);
  const { flowId } = await tern.registerFlow("examples/mapped-flow.ts", project);
  // Due a few seconds from now, so the page is open before the agent starts the run.
  const due = new Date(Date.now() + 8000).toISOString();
  const created = await tern.gql("mutation($input: create_flow_run_input!) { create_flow_run(input: $input) { id } }", { input: { flow_id: flowId, scheduled_start_time: due } });
  const runId: string = created.create_flow_run.id;
  await page.goto(`/flow-run/${runId}?tab=schematic`);
  const schematic = schematicOf(page);
  const processNode = schematic.getByRole("link", { name: /^process, mapped/ });
  await expect(processNode).toHaveAccessibleName("process, mapped: no children yet");
  await expect(processNode).toHaveAccessibleName("process, mapped: 12 of 12 children finished (12 Success)");
  await expect(schematic.getByRole("link", { name: /^publish, mapped/ })).toHaveAccessibleName("publish, mapped: 12 of 12 children finished (12 Success)");
  await expect(page.getByRole("status", { name: "Run state" })).toHaveText("Success");
  // Five tasks (the count parameter is one), five nodes: the 24 children are counted, not drawn.
  await expect(schematic.getByRole("link")).toHaveCount(5);

  await page.getByRole("tab", { name: "Timeline" }).click();
  const rows = page.getByRole("list", { name: "Task run timeline" }).getByRole("listitem");
  await expect(rows).toHaveCount(5);
  await expect(rows.filter({ has: page.getByRole("link", { name: "process", exact: true }) })).toContainText("Mapped ×12: 12 Success");
});
