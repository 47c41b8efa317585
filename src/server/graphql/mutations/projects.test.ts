import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { testDialects } from "../../db/testing.ts";
import { createTestApp, type TestApp } from "../../testing/harness.ts";
import { createFlow, createProject, errorCode } from "./test-helpers.ts";

describe.each(testDialects())("project mutations on %s", (kind) => {
  let app: TestApp;
  beforeAll(async () => {
    app = await createTestApp(kind);
  });
  afterAll(() => app.close());

  const projectNames = async () => (await app.deps.db.selectFrom("project").select("name").orderBy("name").execute()).map((p) => p.name);

  it("creates a project and refuses a duplicate name with HTTP 200 and `Uniqueness violation.`", async () => {
    const id = await createProject(app, "dup");
    expect(id).toMatch(/^[0-9a-f-]{36}$/);
    const response = await app.yoga.fetch("http://localhost/graphql", {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ query: `mutation($input: create_project_input!) { create_project(input: $input) { id } }`, variables: JSON.stringify({ input: { name: "dup", tenant_id: app.deps.tenantId } }) }),
    });
    expect(response.status).toBe(200);
    const body = await response.json();
    expect(body.errors[0].message).toBe("Uniqueness violation.");
    expect(body.errors[0].extensions.code).toBe("UNIQUENESS_VIOLATION");
    expect((await projectNames()).filter((n) => n === "dup")).toHaveLength(1);
  });

  it("lets one of several concurrent creates of one name win; the others get the same coded error", async () => {
    const q = `mutation { create_project(input: {name: "racy"}) { id } }`;
    const results = await Promise.all([1, 2, 3, 4].map(() => app.gql(q)));
    expect(results.filter((r) => !r.errors)).toHaveLength(1);
    for (const r of results.filter((r) => r.errors)) expect([r.errors?.[0].message, errorCode(r)]).toEqual(["Uniqueness violation.", "UNIQUENESS_VIOLATION"]);
    expect((await projectNames()).filter((n) => n === "racy")).toHaveLength(1);
  });

  it("rejects empty and too long names", async () => {
    const q = `mutation($input: create_project_input!) { create_project(input: $input) { id } }`;
    expect(errorCode(await app.gql(q, { input: { name: "  " } }))).toBe("BAD_USER_INPUT");
    expect(errorCode(await app.gql(q, { input: { name: "x".repeat(256) } }))).toBe("BAD_USER_INPUT");
  });

  it("renames and describes a project in one document, and refuses a taken name or an unknown id", async () => {
    const id = await createProject(app, "before");
    await createProject(app, "taken");
    const data = await app.ok(
      `mutation($id: UUID!) { a: set_project_name(input: {project_id: $id, name: "after"}) { id } b: set_project_description(input: {project_id: $id, description: "d"}) { id } }`,
      { id },
    );
    expect(data).toEqual({ a: { id }, b: { id } });
    const row = await app.deps.db.selectFrom("project").selectAll().where("id", "=", id).executeTakeFirstOrThrow();
    expect([row.name, row.description]).toEqual(["after", "d"]);
    const taken = await app.gql(`mutation($id: UUID!) { set_project_name(input: {project_id: $id, name: "taken"}) { id } }`, { id });
    expect(taken.errors?.[0].message).toBe("Uniqueness violation.");
    const missing = await app.gql(`mutation { set_project_name(input: {project_id: "00000000-0000-4000-8000-000000000000", name: "x"}) { id } }`);
    expect(errorCode(missing)).toBe("NOT_FOUND");
  });

  it("refuses to delete a project with flows unless told to move or delete them", async () => {
    const full = await createProject(app, "full");
    const other = await createProject(app, "other");
    const flowId = await createFlow(app, full);
    const del = `mutation($input: delete_project_input!) { delete_project(input: $input) { success error } }`;
    const refused = await app.gql(del, { input: { project_id: full } });
    expect(errorCode(refused)).toBe("PROJECT_NOT_EMPTY");
    expect(await projectNames()).toContain("full");

    expect((await app.ok(del, { input: { project_id: full, move_flows_to_project_id: other } })).delete_project.success).toBe(true);
    const flow = await app.deps.db.selectFrom("flow").select("project_id").where("id", "=", flowId).executeTakeFirstOrThrow();
    expect(flow.project_id).toBe(other);

    const groupId = (await app.deps.db.selectFrom("flow").select("flow_group_id").where("id", "=", flowId).executeTakeFirstOrThrow()).flow_group_id;
    expect((await app.ok(del, { input: { project_id: other, delete_flows: true } })).delete_project.success).toBe(true);
    expect(await app.deps.db.selectFrom("flow").select("id").where("id", "=", flowId).executeTakeFirst()).toBeUndefined();
    expect(await app.deps.db.selectFrom("flow_group").select("id").where("id", "=", groupId).executeTakeFirst()).toBeUndefined();
    expect(await projectNames()).not.toContain("other");
  });

  it("deletes an empty project and moves a flow group between projects", async () => {
    const a = await createProject(app, "a");
    const b = await createProject(app, "b");
    const flowId = await createFlow(app, a, { name: "mover" });
    const moved = await app.ok(`mutation($f: UUID!, $p: UUID!) { update_flow_project(input: {flow_id: $f, project_id: $p}) { id } }`, { f: flowId, p: b });
    expect(moved.update_flow_project.id).toBe(flowId);
    const ok = await app.ok(`mutation($p: UUID!) { delete_project(input: {project_id: $p}) { success } }`, { p: a });
    expect(ok.delete_project.success).toBe(true);
  });
});
