import { expect, type TernFixture, test } from "./fixtures.ts";
import { createIdleFlow } from "./idle-flow.ts";

/**
 * A run with one task mapped over 10,000 items, seeded through the API the way the engine writes it:
 * the children made in one call, their states sent in batches through write_run_batch (Running then
 * Success per child, strict transitions). The run page shows the mapped task as one row counting its
 * children, lists the children a page at a time, and follows more children finishing without a reload.
 * (The schematic's grouped node at this size is e2e/run-visuals.spec.ts's.)
 */

const CHILDREN = 10_000;
const BATCH = 1000;

const WriteRunBatch = "mutation($input: write_run_batch_input!) { write_run_batch(input: $input) { task_run_states { status } } }";

/** Children `ids` finish as the engine reports them: Running then Success, a thousand children a request. */
async function finishChildren(tern: TernFixture, ids: string[]) {
  for (let i = 0; i < ids.length; i += BATCH) {
    const batch = ids.slice(i, i + BATCH);
    const states = batch.flatMap((id) => [
      { task_run_id: id, state: { type: "Running", message: "Starting task run." } },
      { task_run_id: id, state: { type: "Success", message: "Task run succeeded." } },
    ]);
    const answer = await tern.gql(WriteRunBatch, { input: { task_run_states: states } });
    expect(answer.write_run_batch.task_run_states).toHaveLength(states.length);
  }
}

test("a 10,000-child mapped run: one parent row with its children's counts, children paged, counts live", async ({ page, tern }) => {
  test.setTimeout(180_000);
  const projectId = await tern.createProject(tern.unique("big-mapped"));
  const flowId = await createIdleFlow(tern, projectId, tern.unique("big-mapped-flow"), [
    { slug: "numbers-1", name: "numbers" },
    { slug: "square-1", name: "square", mapped: true },
  ], [["numbers-1", "square-1"]]);
  const run = await tern.gql("mutation($input: create_flow_run_input!) { create_flow_run(input: $input) { id } }", { input: { flow_id: flowId } });
  const runId: string = run.create_flow_run.id;
  const parents = await tern.gql("query($id: uuid!) { task_run(where: {flow_run_id: {_eq: $id}}) { id task_id task { slug } } }", { id: runId });
  const parent = parents.task_run.find((t: { task: { slug: string } }) => t.task.slug === "square-1") as { id: string; task_id: string };
  const numbers = parents.task_run.find((t: { task: { slug: string } }) => t.task.slug === "numbers-1") as { id: string };

  // The flow runs, its first task succeeds, the mapped task makes its children (one call) and becomes Mapped.
  await tern.gql(WriteRunBatch, {
    input: {
      flow_run_states: [{ flow_run_id: runId, state: { type: "Running", message: "Running flow." } }],
      task_run_states: [
        { task_run_id: numbers.id, state: { type: "Running" } },
        { task_run_id: numbers.id, state: { type: "Success" } },
      ],
    },
  });
  const made = await tern.gql("mutation($input: get_or_create_mapped_task_runs_input!) { get_or_create_mapped_task_runs(input: $input) { task_runs { id map_index } } }", {
    input: { flow_run_id: runId, task_id: parent.task_id, count: CHILDREN },
  });
  const children: string[] = [...made.get_or_create_mapped_task_runs.task_runs]
    .sort((a: { map_index: number }, b: { map_index: number }) => a.map_index - b.map_index)
    .map((t: { id: string }) => t.id);
  expect(children).toHaveLength(CHILDREN);
  await tern.gql(WriteRunBatch, { input: { task_run_states: [{ task_run_id: parent.id, state: { type: "Mapped", message: `Mapped ${CHILDREN} children.` } }] } });
  await finishChildren(tern, children.slice(0, 2000));

  await page.goto(`/flow-run/${runId}`);
  const table = page.getByRole("table");
  const parentRow = table.getByRole("row").filter({ has: page.getByRole("link", { name: "square", exact: true }) });
  await expect(parentRow).toHaveCount(1);
  await expect(parentRow.getByRole("link", { name: `Show ${CHILDREN} children of square` })).toBeVisible();
  const childCounts = page.getByRole("list", { name: "Children of square by state" });
  await expect(childCounts).toContainText("2000 Success");
  await expect(childCounts).toContainText("8000 Pending");
  // The top level is the two tasks' own rows: no child is listed among them.
  await expect(table.getByRole("row")).toHaveCount(3);

  // A thousand more children finish while the page is open: the parent row's counts follow.
  await finishChildren(tern, children.slice(2000, 3000));
  await expect(childCounts).toContainText("3000 Success");
  await expect(childCounts).toContainText("7000 Pending");

  // The children themselves, 50 a page in map order.
  await parentRow.getByRole("link", { name: `Show ${CHILDREN} children of square` }).click();
  const pages = page.getByRole("navigation", { name: "Task run pages" });
  await expect(pages).toContainText(`Page 1 of ${CHILDREN / 50}`);
  await expect(table.getByRole("link", { name: "square[0]", exact: true })).toBeVisible();
  await expect(table.getByRole("row")).toHaveCount(51);
  await pages.getByRole("button", { name: "Next" }).click();
  await expect(pages).toContainText(`Page 2 of ${CHILDREN / 50}`);
  await expect(table.getByRole("link", { name: "square[50]", exact: true })).toBeVisible();
  await expect(table.getByRole("link", { name: "square[0]", exact: true })).toHaveCount(0);

  // The parent's own page: the same counts, the children paged in map order, still live.
  await page.goto(`/task-run/${parent.id}`);
  const tile = page.getByRole("list", { name: "Children by state" });
  await expect(tile).toContainText("3000 Success");
  const childPages = page.getByRole("navigation", { name: "Child pages" });
  await expect(childPages).toContainText(`Page 1 of ${CHILDREN / 50}`);
  await childPages.getByRole("button", { name: "Next" }).click();
  await expect(childPages).toContainText(`Page 2 of ${CHILDREN / 50}`);
  await expect(page.getByRole("table", { name: "Mapped children" }).getByRole("link", { name: "[50]", exact: true })).toBeVisible();
  await finishChildren(tern, children.slice(3000, 4000));
  await expect(tile).toContainText("4000 Success");
  await expect(tile).toContainText("6000 Pending");
});
