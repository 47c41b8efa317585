import { readFileSync } from "node:fs";
import { expect, test } from "./fixtures.ts";

test("logs: live tail, server-side search, level filter, link to a line, complete download", async ({ page, tern }) => {
  const project = tern.unique("logs");
  await tern.createProject(project);
  const { flowGroupId } = await tern.registerFlow("examples/hello-flow.ts", project);
  await page.goto(`/flow/${flowGroupId}`);
  await page.getByRole("button", { name: "Quick Run" }).click();
  await expect(page.getByRole("status", { name: "Run state" })).toHaveText("Success");
  const runId = page.url().split("/flow-run/")[1].split("?")[0];
  const lines = page.getByRole("list", { name: "Log lines" });
  await expect(lines.getByText("Hello, Cloud!")).toBeVisible();

  // 2,500 more lines arrive while the page is open: more than the in-memory window.
  const needle = tern.unique("needle");
  const base = Date.now();
  for (let batch = 0; batch < 5; batch++) {
    const logs = Array.from({ length: 500 }, (_, i) => {
      const n = batch * 500 + i;
      return {
        flow_run_id: runId,
        timestamp: new Date(base + n).toISOString(),
        level: n % 100 === 0 ? "ERROR" : "INFO",
        name: "seed",
        message: n === 1234 ? `special ${needle} line` : `filler line ${n}`,
      };
    });
    await tern.gql("mutation($input: write_run_logs_input!) { write_run_logs(input: $input) { success } }", { input: { logs } });
  }
  // Following the tail: the newest line shows up without a reload.
  await expect(lines.getByText("filler line 2499", { exact: true })).toBeVisible();
  await expect(page.getByText("Newest 1000 of 2502 lines")).toBeVisible();

  await page.getByRole("searchbox", { name: "Search logs" }).fill(needle);
  await expect(page.getByText("1 lines")).toBeVisible();
  await expect(lines.getByRole("listitem")).toHaveCount(1);
  await expect(lines.getByText(`special ${needle} line`)).toBeVisible();
  await expect(page).toHaveURL(new RegExp(`logq=${needle}`));

  await page.getByRole("searchbox", { name: "Search logs" }).fill("");
  await page.getByLabel("Log level").selectOption("ERROR");
  await expect(page.getByText("25 lines")).toBeVisible();

  // A line's link goes into the URL and survives a reload, highlighted.
  await page.getByLabel("Log level").selectOption("DEBUG");
  await page.getByRole("searchbox", { name: "Search logs" }).fill("Hello, Cloud");
  await expect(lines.getByRole("listitem")).toHaveCount(1);
  await lines.getByRole("listitem").hover();
  await lines.getByRole("button", { name: "Copy link to line" }).click();
  await expect(page).toHaveURL(/line=[0-9a-f-]{36}/);
  await page.reload();
  await expect(lines.getByText("Hello, Cloud!")).toBeVisible();

  // The download holds every line, not just the window.
  await page.getByRole("searchbox", { name: "Search logs" }).fill("");
  await expect(page.getByText("Newest 1000 of 2502 lines")).toBeVisible();
  const downloadPromise = page.waitForEvent("download");
  await page.getByRole("button", { name: "Download log" }).click();
  const download = await downloadPromise;
  const text = readFileSync(await download.path(), "utf8");
  const rows = text.trimEnd().split("\n");
  expect(rows).toHaveLength(2502);
  expect(text).toContain("Hello, Cloud!");
  expect(rows.at(-1)).toContain("filler line 2499");
});

test("logs: lines sharing one timestamp show in the order they were written", async ({ page, tern }) => {
  const project = tern.unique("ties");
  await tern.createProject(project);
  const { flowId } = await tern.registerFlow("examples/hello-flow.ts", project);
  const runId = (await tern.gql("mutation($id: UUID!) { create_flow_run(input: { flow_id: $id }) { id } }", { id: flowId })).create_flow_run.id;
  const tag = tern.unique("tie");
  const messages = Array.from({ length: 12 }, (_, i) => `${tag} line ${String(i).padStart(2, "0")}`);
  // One client timestamp for all: the first call writes 8 lines, the second the other 4.
  const timestamp = "2026-01-02T03:04:05.123456+00:00";
  const write = (batch: string[]) =>
    tern.gql("mutation($input: write_run_logs_input!) { write_run_logs(input: $input) { success } }", {
      input: { logs: batch.map((message) => ({ flow_run_id: runId, timestamp, level: "INFO", name: "seed", message })) },
    });
  await write(messages.slice(0, 8));
  await write(messages.slice(8));

  await page.goto(`/flow-run/${runId}?logq=${tag}`);
  const lines = page.getByRole("list", { name: "Log lines" });
  await expect(lines.getByRole("listitem")).toHaveCount(12);
  await expect(lines.getByRole("listitem")).toContainText(messages);
});
