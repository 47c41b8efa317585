import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { expect, startProcess, stopProcess, test } from "./fixtures.ts";
import { watchOpenRequests } from "./open-requests.ts";

test("every live query of a page shares one event stream: the run page goes green on it", async ({ page, tern }) => {
  const project = tern.unique("one-stream");
  await tern.createProject(project);
  const { flowGroupId } = await tern.registerFlow("examples/hello-flow.ts", project);
  // Event streams, whatever route they take: the requests a page holds open.
  const seen = watchOpenRequests(page, (request) => request.headers().accept === "text/event-stream");
  const short = watchOpenRequests(page, (request) => new URL(request.url()).pathname.startsWith("/graphql") && request.headers().accept !== "text/event-stream");
  await page.goto("/");
  await expect(page.getByRole("heading", { name: "Dashboard" })).toBeVisible();
  // The heading can show before the tiles' stream is open (their data may come from the loader).
  await expect.poll(() => seen.started).toBe(1);
  await page.goto(`/flow/${flowGroupId}`);
  await page.getByRole("button", { name: "Quick Run" }).click();
  await expect(page.getByRole("status", { name: "Run state" })).toHaveText("Success");
  await expect(page.getByRole("list", { name: "Log lines" }).getByText("Hello, Cloud!")).toBeVisible();
  // The dashboard (eight live queries) and the run page (five) each on one stream; a full page load
  // (goto) starts a new one, in-app navigation keeps it.
  expect(seen.mostOpen).toBe(1);
  expect(seen.started).toBe(2);
  // Every other request ends: adding or stopping a live query holds no connection once answered.
  expect(short.started).toBeGreaterThan(5);
  await expect.poll(() => short.openNow).toBe(0);
});

test("live queries show the lost connection, resume by themselves, and stop on the server when the page leaves", async ({ page }) => {
  const home = mkdtempSync(join(tmpdir(), "tern-e2e-live-"));
  const env = { ...process.env, TERN_HOME: home, DATABASE_URL: join(home, "tern.db") };
  let server = await startProcess(["server", "start", "--port", "0"], env, /GraphQL:\s+(http:\/\/(\S+):(\d+)\/graphql)/);
  const [, graphqlUrl, , port] = server.match;
  const origin = graphqlUrl.replace(/\/graphql$/, "");
  const createProject = (name: string) =>
    fetch(graphqlUrl, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ query: "mutation($name: String!) { create_project(input: { name: $name }) { id } }", variables: { name } }) });
  const liveOnServer = async () => Number((await (await fetch(`${origin}/metrics`)).text()).match(/^tern_live_subscriptions (\d+)$/m)?.[1]);
  try {
    await page.goto(`${origin}/`);
    await expect(page.getByRole("heading", { name: "Dashboard" })).toBeVisible();
    await expect.poll(liveOnServer).toBeGreaterThan(1);

    await stopProcess(server.child);
    const lost = page.getByRole("status").filter({ hasText: "Lost the live connection" });
    await expect(lost).toBeVisible();
    server = await startProcess(["server", "start", "--port", port], env, /GraphQL:\s+http/);
    await expect(lost).toBeHidden({ timeout: 30_000 });
    // Live again: a project made elsewhere shows up without a reload.
    const name = `resumed-${Date.now().toString(36)}`;
    await createProject(name);
    await expect(page.getByLabel("Project").getByRole("option", { name })).toHaveCount(1);

    // Leaving the dashboard for the agents page (two live queries: the agents, the scheduled runs they
    // could take) stops the others on the server.
    await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Agents" }).click();
    await expect.poll(liveOnServer).toBe(2);
    await page.goto("about:blank");
    await expect.poll(liveOnServer).toBe(0);
  } finally {
    await stopProcess(server.child);
    rmSync(home, { recursive: true, force: true });
  }
});
