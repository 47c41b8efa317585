import { describe, expect, it } from "vitest";
import { FIRST_TASK_RUN_PAGE, runDetailOptions, taskRunsOptions } from "./flow-run-queries.ts";

const RUN = "00000000-0000-4000-8000-000000000001";

describe("the run page's queries", () => {
  it("the run's query covers exactly the task-run table's first page: its key, with the same variables", () => {
    const detail = runDetailOptions(RUN);
    const firstPage = taskRunsOptions(RUN, FIRST_TASK_RUN_PAGE);
    const meta = detail.meta as { covers: unknown[]; variables: Record<string, unknown> };
    expect(meta.covers).toEqual([firstPage.queryKey]);
    expect(meta.variables).toEqual((firstPage.meta as { variables: Record<string, unknown> }).variables);
  });

  it("another page, filter or order of the table is a key of its own", () => {
    const covered = JSON.stringify((runDetailOptions(RUN).meta as { covers: unknown[] }).covers[0]);
    for (const filter of [
      { ...FIRST_TASK_RUN_PAGE, page: 2 },
      { ...FIRST_TASK_RUN_PAGE, state: ["Failed"] },
      { ...FIRST_TASK_RUN_PAGE, sort: "name" as const },
      { ...FIRST_TASK_RUN_PAGE, task: "load" },
    ]) {
      expect(JSON.stringify(taskRunsOptions(RUN, filter).queryKey)).not.toBe(covered);
    }
  });
});
