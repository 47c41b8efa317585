import type { Request } from "@playwright/test";
import { expect, test } from "./fixtures.ts";

/** The operation names a GraphQL POST carries: one for a single operation, several for a batch. */
function operations(request: Request): { batch: boolean; names: string[] } | null {
  if (request.method() !== "POST" || new URL(request.url()).pathname !== "/graphql") return null;
  const body = request.postDataJSON() as { query: string } | { query: string }[];
  const name = (op: { query: string }) => /^\s*\w+\s+(\w+)/.exec(op.query)?.[1] ?? "";
  return Array.isArray(body) ? { batch: true, names: body.map(name) } : { batch: false, names: [name(body)] };
}

test("a cold load asks for the dashboard's first data in one batch from the page itself, and the app does not ask again", async ({ page, tern }) => {
  const project = tern.unique("first-requests");
  const projectId = await tern.createProject(project);
  await tern.registerFlow("examples/hello-flow.ts", project);
  const posts: { batch: boolean; names: string[] }[] = [];
  page.on("request", (request) => {
    const ops = operations(request);
    if (ops) posts.push(ops);
  });
  await page.goto(`/?project=${projectId}`);
  await expect(page.getByRole("link", { name: "hello-flow" })).toBeVisible();
  await expect(page.getByRole("combobox", { name: "Project" })).toHaveValue(projectId);

  expect(posts[0]).toEqual({
    batch: true,
    names: ["Dashboard_projects", "Dashboard_flows", "Dashboard_history", "Dashboard_upcoming", "Dashboard_inProgress", "Dashboard_failures", "Agents_list"],
  });
  // Every answer of the batch was taken: none of its queries went out a second time on its own.
  const single = posts.filter((p) => !p.batch).flatMap((p) => p.names);
  for (const name of posts[0]!.names) expect(single).not.toContain(name);
  expect(posts.filter((p) => p.batch)).toHaveLength(1);
});

test("when the page's early batch fails, the dashboard asks for its data itself", async ({ page, tern }) => {
  const project = tern.unique("first-requests-fail");
  const projectId = await tern.createProject(project);
  await tern.registerFlow("examples/hello-flow.ts", project);
  const single: string[] = [];
  await page.route("**/graphql", async (route) => {
    const ops = operations(route.request());
    if (ops?.batch) return route.fulfill({ status: 503, contentType: "application/json", body: '{"errors":[{"message":"down"}]}' });
    if (ops) single.push(...ops.names);
    return route.fallback();
  });
  await page.goto(`/?project=${projectId}`);
  await expect(page.getByRole("link", { name: "hello-flow" })).toBeVisible();
  expect(single).toContain("Dashboard_flows");
});

test("a batch with a bad operation answers the others and says what was wrong with that one", async ({ tern }) => {
  const response = await fetch(tern.graphqlUrl, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify([{ query: "query { project { id } }" }, { query: "query { no_such_field }" }, { query: "query Dashboard_flows($projectId: uuid) { flow(where: { project_id: { _eq: $projectId } }) { id } }", variables: { projectId: "not-a-uuid" } }]),
  });
  const [good, unknown, badInput] = (await response.json()) as { data?: unknown; errors?: { message: string; extensions?: { code?: string } }[] }[];
  expect(good!.errors).toBeUndefined();
  expect(good!.data).toHaveProperty("project");
  expect(unknown!.errors?.[0]?.message).toMatch(/no_such_field/);
  expect(badInput!.errors?.[0]?.extensions?.code).toBeTruthy();
});
