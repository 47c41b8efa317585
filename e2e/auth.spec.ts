import { expect, test } from "./auth-fixtures.ts";
import { test as openServer } from "./fixtures.ts";

test("API key: prompt, wrong key refused, right key kept across reloads, Quick Run goes green live, forget asks again", async ({ page, ternAuth }) => {
  const { flowGroupId } = await ternAuth.registerIntoNewProject("examples/hello-flow.ts", `auth-${Date.now().toString(36)}`);
  await page.goto("/");
  const dialog = page.getByRole("dialog", { name: "API key required" });
  await expect(dialog).toBeVisible();

  // Escape closes the prompt but leaves a way back to it.
  await page.keyboard.press("Escape");
  await expect(dialog).toBeHidden();
  await page.getByRole("button", { name: "Enter API key" }).click();
  await expect(dialog).toBeVisible();

  await dialog.getByRole("button", { name: "Use this key" }).click();
  await expect(dialog.getByRole("alert")).toHaveText("Enter an API key.");
  await dialog.getByLabel("API key").fill("tern_wrong-key");
  await dialog.getByRole("button", { name: "Use this key" }).click();
  await expect(dialog.getByRole("alert")).toContainText("This key was not accepted");

  await dialog.getByLabel("API key").fill(ternAuth.key);
  await dialog.getByRole("button", { name: "Use this key" }).click();
  await expect(dialog).toBeHidden();
  await expect(page.getByRole("heading", { name: "Dashboard" })).toBeVisible();

  // From here on every request carries the key: queries, mutations and the live streams (SSE over fetch).
  const refused: string[] = [];
  page.on("response", (response) => {
    if (response.status() === 401) refused.push(response.url());
  });

  // The key is kept: a reload (and a new page) loads without asking.
  await page.reload();
  await expect(page.getByRole("heading", { name: "Dashboard" })).toBeVisible();
  await page.goto(`/flow/${flowGroupId}`);
  await expect(page.getByRole("heading", { name: "hello-flow" })).toBeVisible();
  await expect(page.getByRole("dialog", { name: "API key required" })).toBeHidden();

  // Live queries carry the key too: the run page turns green by itself.
  await page.getByRole("button", { name: "Quick Run" }).click();
  await expect(page).toHaveURL(/\/flow-run\/[0-9a-f-]{36}/);
  await expect(page.getByRole("status", { name: "Run state" })).toHaveText("Success");
  await expect(page.getByRole("status").filter({ hasText: "Lost the live connection" })).toHaveCount(0);
  expect(refused).toEqual([]);

  await page.getByRole("button", { name: "Forget API key" }).click();
  await expect(page.getByRole("dialog", { name: "API key required" })).toBeVisible();
});

test("a key revoked with `tern auth revoke-key`: the open dashboard's live queries end and it asks for a key again", async ({ page, ternAuth }) => {
  // A key of its own: the fixture's key is the agent's.
  const name = `browser-${Date.now().toString(36)}`;
  const key = (await ternAuth.authCommand("create-key", "--name", name)).trim();
  await page.goto("/");
  const dialog = page.getByRole("dialog", { name: "API key required" });
  await dialog.getByLabel("API key").fill(key);
  await dialog.getByRole("button", { name: "Use this key" }).click();
  await expect(dialog).toBeHidden();
  await expect(page.getByRole("heading", { name: "Dashboard" })).toBeVisible();
  await expect(page.getByRole("status").filter({ hasText: "Lost the live connection" })).toHaveCount(0);

  // Nothing on the page sends a request by itself while its live queries stream: the prompt comes
  // back because the server ended them with UNAUTHENTICATED and the requests that follow are refused.
  await ternAuth.authCommand("revoke-key", name);
  await expect(dialog).toBeVisible();

  const listed = await ternAuth.authCommand("list-keys");
  const row = listed.split("\n").find((line) => line.split(/\s{2,}/)[1] === name);
  expect(row).toMatch(/revoked \d{4}-/);
  expect(listed).not.toContain(key);
});

openServer("no API key prompt on a server without --auth", async ({ page, tern }) => {
  const project = tern.unique("noauth");
  await tern.createProject(project);
  await page.goto("/");
  await expect(page.getByRole("heading", { name: "Dashboard" })).toBeVisible();
  await expect(page.getByRole("dialog", { name: "API key required" })).toHaveCount(0);
  await expect(page.getByRole("button", { name: "Forget API key" })).toHaveCount(0);
});
