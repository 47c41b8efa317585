import { expect, test } from "./fixtures.ts";
import { idleProject } from "./glance-helpers.ts";

test("the summary strip counts the project's runs in the window, live, and the window is in the URL", async ({ page, tern }) => {
  const p = await idleProject(tern, "strip");
  const [a, b, c] = [await p.run("strip-a"), await p.run("strip-b"), await p.run("strip-c")];
  await p.setState(a, "Success");
  await p.setState(b, "Success");
  await p.setState(c, "Failed");
  await page.goto(`/?project=${p.projectId}&window=1h`);
  const runs = page.getByRole("region", { name: "Runs in the last hour" });
  await expect(runs).toContainText("3");
  await expect(runs).toContainText("2 succeeded");
  await expect(runs).toContainText("1 failed");
  const rate = page.getByRole("region", { name: "Failure rate" });
  await expect(rate).toContainText("33%");
  await expect(rate).toContainText("1 of 3 finished runs failed");
  await expect(page.getByRole("region", { name: "Running now" })).toContainText("0");

  // Live: a new failure moves the numbers without a reload.
  await p.setState(await p.run("strip-d"), "Failed");
  await expect(rate).toContainText("50%");
  await expect(runs).toContainText("4");

  // The window chooser writes the URL and re-scopes the strip.
  await page.getByLabel("Window").selectOption({ label: "last 7 days" });
  await expect(page).toHaveURL(/window=7d/);
  await expect(page.getByRole("region", { name: "Runs in the last 7 days" })).toContainText("4");
  await page.reload();
  await expect(page.getByLabel("Window")).toHaveValue("7d");
});

test("the runs-over-time chart has axes, a legend, and a tooltip on hover and on keyboard focus", async ({ page, tern }) => {
  const p = await idleProject(tern, "chart");
  await p.setState(await p.run("chart-a"), "Success");
  await p.setState(await p.run("chart-b"), "Failed");
  await page.goto(`/?project=${p.projectId}&window=1h`);
  const tile = page.getByRole("region", { name: "Runs over time" });
  // Named by its totals, which do not depend on where the 5-minute bucket boundaries fall.
  const chart = tile.getByRole("group", { name: /^Runs per 5 min in the last hour, \d+ in all$/ });
  await expect(chart).toHaveAccessibleName(/, 2 in all$/);
  await expect(chart.getByRole("list", { name: "Legend" })).toContainText("Succeeded");
  await expect(chart.getByText("now", { exact: true })).toBeVisible();
  await expect(chart.getByText("Runs", { exact: true })).toBeVisible();
  const bars = chart.getByRole("button");
  await expect(bars).toHaveCount(12);
  await expect(bars.last()).toHaveAttribute("tabindex", "0");
  const withRuns = chart.getByRole("button", { name: /Succeeded/ }).first();
  await expect(withRuns).toHaveAccessibleName(/\d+ runs?: .*1 Succeeded/);

  // Keyboard: focus shows the bar's tooltip (and the bar points at it), arrows move along the buckets.
  await bars.last().focus();
  const tip = page.getByRole("tooltip");
  await expect(tip).toContainText("–");
  await expect(bars.last()).toHaveAttribute("aria-describedby", (await tip.getAttribute("id")) ?? "");
  await page.keyboard.press("ArrowLeft");
  await expect(bars.nth(10)).toBeFocused();
  await expect(bars.nth(10)).toHaveAttribute("tabindex", "0");
  await expect(bars.last()).toHaveAttribute("tabindex", "-1");
  await page.keyboard.press("Home");
  await expect(bars.first()).toBeFocused();
  await expect(tip).toContainText("0 runs");

  // Hover shows the hovered bucket.
  await withRuns.hover();
  await expect(tip).toContainText("1 Succeeded");

  // Live: the chart re-reads its buckets when the project's runs change, every bucket in one request.
  const reads: Record<string, unknown>[] = [];
  page.on("request", (request) => {
    const body = request.method() === "POST" ? request.postDataJSON() : null;
    if (body?.operationName === "Dashboard_chartCounts") reads.push(body.variables);
  });
  await p.setState(await p.run("chart-c"), "Success");
  await expect(chart).toHaveAccessibleName(/, 3 in all$/);
  expect(reads.length).toBeGreaterThan(0);
  for (const variables of reads) {
    const ranges = Array.from({ length: 12 }, (_, i) => variables[`b${i}`] as { scheduled_start_time?: { _gte: string } });
    expect(new Set(ranges.map((r) => r.scheduled_start_time?._gte)).size).toBe(12);
    expect([variables.more12, variables.more24]).toEqual([false, false]);
  }
});

test("the duration chart has a duration axis, a legend and a tooltip on hover and focus", async ({ page, tern }) => {
  const p = await idleProject(tern, "durations");
  await p.setState(await p.run("dur-a"), "Failed");
  await page.goto(`/?project=${p.projectId}&window=1h`);
  const chart = page.getByRole("group", { name: /^Recent runs, 1 run: 1 Failed/ });
  await expect(chart).toBeVisible();
  await expect(chart.getByText("Duration", { exact: true })).toBeVisible();
  await expect(chart.getByRole("list", { name: "Legend" })).toContainText("Failed");
  const bar = chart.getByRole("link", { name: /^dur-a: Failed/ });
  await bar.hover();
  await expect(page.getByRole("tooltip")).toContainText("dur-a");
  await page.mouse.move(0, 0);
  await bar.focus();
  await expect(page.getByRole("tooltip")).toContainText("started");
});

test("with a project chosen, the Agents tile shows only agents whose labels match its flows", async ({ page, tern }) => {
  const p = await idleProject(tern, "agents-tile");
  await page.goto(`/?project=${p.projectId}`);
  const tile = page.getByRole("region", { name: "Agents", exact: true });
  await expect(tile).toContainText("No agent has the labels this project's flows need");
  const name = tern.unique("matching-agent");
  await tern.gql("mutation($input: register_agent_input!) { register_agent(input: $input) { id } }", { input: { type: "LocalAgent", name, labels: [p.label, "extra"] } });
  await expect(tile.getByText(name)).toBeVisible();
  await expect(tile).toContainText("Agents whose labels match this project's flows");
  // All projects: every agent, the fixture's own agent among them.
  await page.getByLabel("Project").selectOption({ label: "All projects" });
  await expect(tile.getByText(name)).toBeVisible();
  await expect(tile.getByRole("listitem")).not.toHaveCount(1);
});

test("the agents page shows labels, kind, a ticking last seen, and the scheduled runs each agent could take", async ({ page, tern }) => {
  const p = await idleProject(tern, "agents-page");
  const runName = tern.unique("waiting");
  await p.run(runName);
  const name = tern.unique("taker");
  await tern.gql("mutation($input: register_agent_input!) { register_agent(input: $input) { id } }", { input: { type: "LocalAgent", name, labels: [p.label] } });
  await page.goto("/agents");
  const row = page.getByRole("table", { name: "Agents" }).getByRole("row").filter({ hasText: name });
  await expect(row.getByRole("list", { name: "Labels" }).getByRole("listitem")).toHaveText([p.label]);
  await expect(row).toContainText("Tern");
  const seen = row.getByRole("cell").nth(4);
  await expect(seen).toHaveText(/just now|\d+ s ago/);
  const first = await seen.textContent();
  await expect(seen).not.toHaveText(first ?? "");
  await expect(seen).toHaveText(/\d+ s ago/);
  await row.getByText("1 scheduled run").click();
  await row.getByRole("link", { name: new RegExp(runName) }).click();
  await expect(page).toHaveURL(/\/flow-run\//);
});
