import type { Page } from "@playwright/test";
import { expect, type TernFixture, test, waitFor } from "./fixtures.ts";

/**
 * The log view past its live window (paging back, bounded), search hits over the whole run with
 * next/previous and context, and times that always name their zone and follow the header's choice.
 */

const WRITE_LOGS = "mutation($input: write_run_logs_input!) { write_run_logs(input: $input) { success } }";

/** A finished hello-flow run of a fresh project, so the lines written next are the newest. */
async function finishedRun(tern: TernFixture, prefix: string): Promise<string> {
  const project = tern.unique(prefix);
  await tern.createProject(project);
  const { flowId } = await tern.registerFlow("examples/hello-flow.ts", project);
  const id = (await tern.gql("mutation($id: UUID!) { create_flow_run(input: { flow_id: $id }) { id } }", { id: flowId })).create_flow_run.id as string;
  await waitFor(async () => (await tern.gql("query($id: uuid!) { flow_run_by_pk(id: $id) { state } }", { id })).flow_run_by_pk.state === "Success", "the run to succeed");
  return id;
}

/** Writes `count` lines, one millisecond apart from now on, `message(n)` each. */
async function writeLines(tern: TernFixture, runId: string, count: number, message: (n: number) => string) {
  const base = Date.now();
  for (let from = 0; from < count; from += 500) {
    const logs = Array.from({ length: Math.min(500, count - from) }, (_, i) => ({
      flow_run_id: runId,
      timestamp: new Date(base + from + i).toISOString(),
      level: "INFO",
      name: "seed",
      message: message(from + i),
    }));
    await tern.gql(WRITE_LOGS, { input: { logs } });
  }
}

const logLines = (page: Page) => page.getByRole("list", { name: "Log lines" });

test("logs: page back past the live window with bounded memory, then jump back to the live tail", async ({ page, tern }) => {
  test.setTimeout(120_000);
  const runId = await finishedRun(tern, "paging");
  await writeLines(tern, runId, 2500, (n) => `filler line ${n}`);
  await page.goto(`/flow-run/${runId}`);
  const lines = logLines(page);
  await expect(lines.getByText("filler line 2499", { exact: true })).toBeVisible();
  await expect(page.getByText("Newest 1000 of 2502 lines")).toBeVisible();
  await expect(lines.getByText("filler line 1499", { exact: true })).toHaveCount(0);

  // The button steps out of the live window; scrolling to the top keeps loading older pages.
  await page.getByRole("button", { name: "Load older lines" }).click();
  await expect(page.getByRole("button", { name: "Jump to newest" })).toBeVisible();
  await expect(page.getByText(/^Lines \d+–\d+ of 2502$/)).toBeVisible();
  await expect(async () => {
    await lines.getByRole("listitem").first().hover();
    await page.mouse.wheel(0, -100_000);
    await expect(lines.getByText("filler line 0", { exact: true })).toBeVisible({ timeout: 1000 });
  }).toPass({ timeout: 45_000 });
  await expect(page.getByRole("button", { name: "Load older lines" })).toHaveCount(0);

  // At the log's start the view holds a bounded slice, not the whole log.
  const label = await page.getByText(/^Lines 1–\d+ of 2502$/).textContent();
  const held = Number(label?.match(/–(\d+)/)?.[1]);
  expect(held).toBeLessThanOrEqual(2000);
  await expect(page.getByRole("button", { name: "Load newer lines" })).toBeVisible();

  // A link to a line far before the live window opens the slice around it.
  const oldest = lines.getByRole("listitem").filter({ hasText: "filler line 0" });
  await oldest.hover();
  await oldest.getByRole("button", { name: "Copy link to line" }).click();
  await expect(page).toHaveURL(/line=[0-9a-f-]{36}/);
  await page.reload();
  await expect(lines.getByText("filler line 0", { exact: true })).toBeVisible();
  await expect(page.getByRole("button", { name: "Jump to newest" })).toBeVisible();
  // The slice around it: the two lines before it and half a page from it; then a page further on.
  await expect(page.getByText("Lines 1–252 of 2502")).toBeVisible();
  await page.getByRole("button", { name: "Load newer lines" }).click();
  await expect(page.getByText("Lines 1–752 of 2502")).toBeVisible();
  await expect(lines.getByText("filler line 0", { exact: true })).toBeVisible();

  // Jump to newest resumes the live tail: a line written now shows up without a reload.
  await page.getByRole("button", { name: "Jump to newest" }).click();
  await expect(page.getByText("Newest 1000 of 2502 lines")).toBeVisible();
  await expect(lines.getByText("filler line 2499", { exact: true })).toBeVisible();
  const fresh = tern.unique("fresh");
  await tern.gql(WRITE_LOGS, { input: { logs: [{ flow_run_id: runId, timestamp: new Date(Date.now() + 60_000).toISOString(), level: "INFO", name: "seed", message: fresh }] } });
  await expect(lines.getByText(fresh)).toBeVisible();
  await expect(page.getByRole("button", { name: "Jump to newest" })).toHaveCount(0);
});

test("logs: search hits across the whole run, next/previous by button and keyboard, marked as text, with context lines", async ({ page, tern }) => {
  const runId = await finishedRun(tern, "hits");
  const needle = tern.unique("needle");
  // 17 hits, every 150th line from line 7, each with markup that must show as text.
  const hit = (n: number) => n % 150 === 7 && n < 2550;
  const ordinal = (n: number) => String((n - 7) / 150 + 1).padStart(2, "0");
  await writeLines(tern, runId, 2600, (n) => (hit(n) ? `found ${needle} #${ordinal(n)} <b>bold</b>` : `filler line ${n}`));
  await page.goto(`/flow-run/${runId}`);
  const lines = logLines(page);
  await expect(lines.getByText("filler line 2599", { exact: true })).toBeVisible();

  const box = page.getByRole("searchbox", { name: "Search logs" });
  await box.fill(needle);
  const count = page.getByRole("status").filter({ hasText: /match/ });
  await expect(count).toHaveText("17 of 17 matches");
  await expect(lines.getByRole("listitem")).toHaveCount(17);
  const current = lines.locator('[aria-current="true"]');
  await expect(current).toContainText(`#17`);

  // Keyboard: Shift+Enter goes to the previous (older) hit, Enter to the next; the ends wrap around.
  await box.press("Shift+Enter");
  await expect(count).toHaveText("16 of 17 matches");
  await expect(current).toContainText("#16");
  await box.press("Enter");
  await expect(count).toHaveText("17 of 17 matches");
  await page.getByRole("button", { name: "Next match" }).click();
  await expect(count).toHaveText("1 of 17 matches");
  await expect(current).toContainText("#01");
  await expect(current).toBeInViewport();
  await page.getByRole("button", { name: "Previous match" }).click();
  await expect(count).toHaveText("17 of 17 matches");
  await page.getByRole("button", { name: "Next match" }).click();
  await expect(count).toHaveText("1 of 17 matches");

  // The match is marked inside the message, and the message's markup shows as text.
  await expect(current.locator("mark")).toHaveText(needle);
  await expect(current).toContainText("<b>bold</b>");
  await expect(current.locator("b")).toHaveCount(0);

  // With context: the first hit sits far before the live window, and the lines around it come along.
  await page.getByLabel("Show lines").selectOption("2");
  await expect(count).toHaveText("1 of 17 matches");
  for (const n of [5, 6, 8, 9]) await expect(lines.getByText(`filler line ${n}`, { exact: true })).toBeVisible();
  await expect(lines.getByText("filler line 4", { exact: true })).toHaveCount(0);
  await expect(lines.getByText("145 lines without a match")).toBeVisible();
  await expect(current).toContainText("#01");
  await expect(page).toHaveURL(/ctx=2/);

  // All lines, matches marked: the hit's neighbours all show and Next still walks the hits.
  await page.getByLabel("Show lines").selectOption("all");
  await page.getByRole("button", { name: "Next match" }).click();
  await expect(count).toHaveText("2 of 17 matches");
  await expect(current).toContainText("#02");
  await expect(lines.getByText("filler line 156", { exact: true })).toBeVisible();
  await expect(current.locator("mark")).toHaveText(needle);
});

test.describe("times", () => {
  test.use({ timezoneId: "America/New_York" });

  test("every time shows its zone, follows Local/UTC/an IANA zone and a 12/24-hour clock, survives a reload", async ({ page, tern }) => {
    const runId = await finishedRun(tern, "zones");
    const marker = tern.unique("timed");
    await tern.gql(WRITE_LOGS, { input: { logs: [{ flow_run_id: runId, timestamp: "2026-03-04T05:06:07.089Z", level: "INFO", name: "seed", message: marker }] } });
    await page.goto(`/flow-run/${runId}?logq=${marker}`);
    const row = logLines(page).getByRole("listitem").filter({ hasText: marker });
    const logTime = row.getByRole("time");

    // Local time (the browser is in New York: UTC−5 in early March).
    await expect(page.getByLabel("Time zone")).toHaveValue("local");
    await expect(logTime).toHaveText("00:06:07.089 -05:00");
    await expect(logTime).toHaveAttribute("title", "2026-03-04T00:06:07.089-05:00");

    await page.getByLabel("Time zone").selectOption("utc");
    await expect(logTime).toHaveText("05:06:07.089 UTC");
    await expect(logTime).toHaveAttribute("title", "2026-03-04T05:06:07.089Z");

    await page.getByLabel("Time zone").selectOption("Asia/Tokyo");
    await expect(logTime).toHaveText("14:06:07.089 +09:00");
    await page.getByLabel("Clock").selectOption("12");
    await expect(logTime).toHaveText("02:06:07.089 PM +09:00");
    await expect(logTime).toHaveAttribute("title", "2026-03-04T14:06:07.089+09:00");

    // Every other time on the page names the same zone.
    const header = page.getByRole("main").getByRole("time").filter({ hasNotText: "06:07.089" });
    await expect(header.first()).toHaveText(/\d{2}:\d{2}:\d{2} (AM|PM) \+09:00$/);

    await page.reload();
    await expect(page.getByLabel("Time zone")).toHaveValue("Asia/Tokyo");
    await expect(page.getByLabel("Clock")).toHaveValue("12");
    await expect(logTime).toHaveText("02:06:07.089 PM +09:00");

    // The choice reaches other pages too.
    await page.goto("/settings/projects");
    await expect(page.getByRole("main").getByRole("time").first()).toHaveText(/ \+09:00$/);
  });

  test("a task run's log times name their zone and hover with the full ISO form, like every other time", async ({ page, tern }) => {
    const runId = await finishedRun(tern, "task-zones");
    const taskRunId = (await tern.gql("query($id: uuid!) { task_run(where: { flow_run_id: { _eq: $id } }, limit: 1) { id } }", { id: runId })).task_run[0].id as string;
    const marker = tern.unique("task-timed");
    await tern.gql(WRITE_LOGS, { input: { logs: [{ flow_run_id: runId, task_run_id: taskRunId, timestamp: "2026-03-04T05:06:07.089Z", level: "INFO", name: "seed", message: marker }] } });
    await page.goto(`/task-run/${taskRunId}`);
    const logTime = logLines(page).getByRole("listitem").filter({ hasText: marker }).getByRole("time");
    await expect(logTime).toHaveText("00:06:07.089 -05:00");
    await expect(logTime).toHaveAttribute("title", "2026-03-04T00:06:07.089-05:00");
    await page.getByLabel("Time zone").selectOption("utc");
    await expect(logTime).toHaveText("05:06:07.089 UTC");
    await expect(logTime).toHaveAttribute("title", "2026-03-04T05:06:07.089Z");
  });
});
