import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { expect, test } from "./fixtures.ts";

test("restart from failed keeps the task that succeeded: it does not run again, and the run ends Success", async ({ page, tern }) => {
  // The flow's tasks write here: "produce" appends a line per execution, "consume" fails until `ready` exists.
  const dir = mkdtempSync(join(tmpdir(), "tern-e2e-restart-"));
  try {
    const project = tern.unique("restart");
    await tern.createProject(project);
    const { flowGroupId } = await tern.registerFlow("src/testing/restart-flow.ts", project);
    await page.goto(`/flow/${flowGroupId}`);
    await page.getByRole("button", { name: "Quick Run" }).click();
    const dialog = page.getByRole("dialog", { name: "Parameters needed" });
    await dialog.getByLabel("Parameters (JSON)").fill(JSON.stringify({ dir }));
    await dialog.getByRole("button", { name: "Start run" }).click();
    await expect(page).toHaveURL(/\/flow-run\/[0-9a-f-]{36}/);

    const state = page.getByRole("status", { name: "Run state" });
    await expect(state).toHaveText("Failed");
    await expect(page.getByRole("list", { name: "Log lines" }).getByText(/the marker file is missing/).first()).toBeVisible();

    writeFileSync(join(dir, "ready"), "");
    await page.getByRole("button", { name: "Restart from failed" }).click();
    await expect(state).toHaveText("Success");
    const counts = page.getByRole("list", { name: "Task runs by state" });
    // Both parameters, "produce" (kept) and "consume" (run again).
    await expect(counts).toContainText("4 Success");

    // "produce" ran once, in the first run; "consume" got the result that first execution returned.
    expect(readFileSync(join(dir, "produced.txt"), "utf8").split("\n").filter(Boolean)).toHaveLength(1);
    expect(JSON.parse(readFileSync(join(dir, "consumed.json"), "utf8"))).toEqual({ execution: 1, rows: [1, 2, 3] });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
