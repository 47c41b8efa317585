import { expect, test } from "./fixtures.ts";

test("theme and time-zone choices apply at once and survive a reload", async ({ page, tern }) => {
  const project = tern.unique("shell");
  await tern.createProject(project);
  await page.goto("/settings/projects");
  await page.getByLabel("Theme").selectOption("dark");
  await expect(page.locator("html")).toHaveClass(/dark/);
  await page.getByLabel("Time zone").selectOption("utc");
  const row = page.getByRole("row").filter({ hasText: project });
  await expect(row.locator("time")).toHaveText(/ UTC$/);
  await page.reload();
  await expect(page.locator("html")).toHaveClass(/dark/);
  await expect(page.getByLabel("Time zone")).toHaveValue("utc");
  await page.getByLabel("Theme").selectOption("light");
  await expect(page.locator("html")).not.toHaveClass(/dark/);
});

test("the time-zone list offers every zone, and a chosen zone stays selected from the first paint", async ({ page }) => {
  await page.goto("/");
  const zone = page.getByLabel("Time zone");
  // The zones join the list after the first paint: Playwright waits for the option.
  await zone.selectOption("Asia/Tokyo");
  await expect(zone).toHaveValue("Asia/Tokyo");
  expect(await zone.locator("option").count()).toBeGreaterThan(100);
  // What the select shows when it first appears (before the full list has joined it).
  await page.addInitScript(() => {
    new MutationObserver((_, observer) => {
      const select = document.querySelector<HTMLSelectElement>('select[aria-label="Time zone"]');
      if (!select) return;
      (window as unknown as { firstZone: string }).firstZone = select.value;
      observer.disconnect();
    }).observe(document, { childList: true, subtree: true });
  });
  await page.reload();
  await expect(zone).toHaveValue("Asia/Tokyo");
  expect(await page.evaluate(() => (window as unknown as { firstZone: string }).firstZone)).toBe("Asia/Tokyo");
  await zone.selectOption("local");
  await expect(zone).toHaveValue("local");
});

test("an unknown run says so and offers a way back", async ({ page }) => {
  await page.goto("/flow-run/00000000-0000-4000-8000-000000000000");
  await expect(page.getByRole("alert")).toContainText("Not found");
  await expect(page.getByRole("button", { name: "Retry" })).toBeVisible();
  await page.getByRole("link", { name: "Back to the dashboard" }).click();
  await expect(page.getByRole("heading", { name: "Dashboard" })).toBeVisible();
});

test("main controls are reachable by keyboard with a visible focus ring", async ({ page }) => {
  await page.goto("/");
  await expect(page.getByRole("heading", { name: "Dashboard" })).toBeVisible();
  await page.keyboard.press("Tab");
  await page.keyboard.press("Tab");
  const focused = page.locator(":focus");
  await expect(focused).toHaveAccessibleName(/.+/);
  await expect(focused).not.toHaveCSS("outline-style", "none");
  await page.getByRole("button", { name: "New project" }).focus();
  await page.keyboard.press("Enter");
  await expect(page.getByRole("dialog", { name: "New project" })).toBeVisible();
  await page.keyboard.press("Escape");
  await expect(page.getByRole("dialog", { name: "New project" })).toBeHidden();
});
