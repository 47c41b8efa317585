import { gzipSync } from "node:zlib";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { testDialects } from "../../db/testing.ts";
import { createTestApp, type TestApp } from "../../testing/harness.ts";
import { createFlow, createProject, errorCode, serializedFlow } from "./test-helpers.ts";

const CREATE_COMPRESSED = `mutation($input: create_flow_from_compressed_string_input!) { create_flow_from_compressed_string(input: $input) { id } }`;
const compress = (value: unknown) => gzipSync(JSON.stringify(value)).toString("base64");

describe.each(testDialects())("flow mutations on %s", (kind) => {
  let app: TestApp;
  let projectId: string;
  beforeAll(async () => {
    app = await createTestApp(kind);
    projectId = await createProject(app, "flows");
  });
  afterAll(() => app.close());

  const flowRow = (id: string) => app.deps.db.selectFrom("flow").selectAll().where("id", "=", id).executeTakeFirstOrThrow();
  const tasksOf = async (flowId: string) =>
    (await app.deps.db.selectFrom("task").selectAll().where("flow_id", "=", flowId).orderBy("slug").execute()).map((t) => ({
      slug: t.slug,
      root: !!t.is_root_task,
      terminal: !!t.is_terminal_task,
      reference: !!t.is_reference_task,
    }));

  it("registers the Prefect client's way: compressed flow, then task and edge batches", async () => {
    const doc = JSON.parse(readFileSync(join(import.meta.dirname, "../../testing/fixtures/prefect1-wire-capture.jsonl"), "utf8").split("\n")[7]);
    const tasks = doc.variables.input.serialized_tasks;
    const flow = { ...serializedFlow({ name: "client-flow" }), tasks: undefined, edges: undefined };
    const id = (await app.ok(CREATE_COMPRESSED, { input: { project_id: projectId, serialized_flow: compress(flow), set_schedule_active: false, version_group_id: null } }))
      .create_flow_from_compressed_string.id;
    const more = [{ ...tasks[0], slug: "shout-1", name: "shout" }];
    await app.ok(`mutation($input: register_tasks_input!) { register_tasks(input: $input) { success } }`, { input: { flow_id: id, serialized_tasks: [...tasks, ...more] } });
    await app.ok(`mutation($input: register_edges_input!) { register_edges(input: $input) { success } }`, {
      input: { flow_id: id, serialized_edges: [{ upstream_task: { slug: "say_hello-1" }, downstream_task: { slug: "shout-1" }, key: null, mapped: false }] },
    });
    expect(await tasksOf(id)).toEqual([
      { slug: "say_hello-1", root: true, terminal: false, reference: false },
      { slug: "shout-1", root: false, terminal: true, reference: true },
    ]);
    const row = await flowRow(id);
    expect(row.core_version).toBe("1.4.1");
    const stored = typeof row.serialized_flow === "string" ? JSON.parse(row.serialized_flow) : row.serialized_flow;
    expect(stored.tasks.map((t: { slug: string }) => t.slug)).toEqual(["say_hello-1", "shout-1"]);
    const edges = await app.deps.db.selectFrom("edge").select("id").where("flow_id", "=", id).execute();
    expect(edges).toHaveLength(1);
  });

  it("refuses edges with an unknown slug, writing nothing", async () => {
    const id = await createFlow(app, projectId, { name: "edgy", tasks: ["a-1"] });
    const result = await app.gql(`mutation($input: register_edges_input!) { register_edges(input: $input) { success } }`, {
      input: { flow_id: id, serialized_edges: [{ upstream_task: { slug: "a-1" }, downstream_task: { slug: "nope-1" } }] },
    });
    expect(errorCode(result)).toBe("BAD_USER_INPUT");
    expect(result.errors?.[0].message).toContain("nope-1");
    expect(await app.deps.db.selectFrom("edge").select("id").where("flow_id", "=", id).execute()).toHaveLength(0);
  });

  it("versions a flow group: same project and name reuse the group, bump the version and archive the old one", async () => {
    const v1 = await createFlow(app, projectId, { name: "versioned" });
    const v2 = await createFlow(app, projectId, { name: "versioned", tasks: ["x-1", "y-1"], edges: [["x-1", "y-1"]] });
    const [r1, r2] = [await flowRow(v1), await flowRow(v2)];
    expect(r2.flow_group_id).toBe(r1.flow_group_id);
    expect(r2.version_group_id).toBe(r1.version_group_id);
    expect([r1.version, r2.version]).toEqual([1, 2]);
    expect([!!r1.archived, !!r2.archived]).toEqual([true, false]);
    const group = await app.deps.db.selectFrom("flow_group").selectAll().where("id", "=", r1.flow_group_id).executeTakeFirstOrThrow();
    expect(group.name).toBe(r1.version_group_id);
    const settings = typeof group.settings === "string" ? JSON.parse(group.settings) : group.settings;
    expect(settings).toEqual({ heartbeat_enabled: true, lazarus_enabled: true, version_locking_enabled: false });
    expect(await tasksOf(v2)).toEqual([
      { slug: "x-1", root: true, terminal: false, reference: false },
      { slug: "y-1", root: false, terminal: true, reference: true },
    ]);
    const other = await createFlow(app, projectId, { name: "versioned-else" });
    expect((await flowRow(other)).flow_group_id).not.toBe(r1.flow_group_id);
  });

  it("honours explicit reference tasks and an explicit version group", async () => {
    const id = await createFlow(app, projectId, { name: "refs", tasks: ["a-1", "b-1"], edges: [["a-1", "b-1"]], reference: ["a-1"] }, { version_group_id: "my-group" });
    expect(await tasksOf(id)).toEqual([
      { slug: "a-1", root: true, terminal: false, reference: true },
      { slug: "b-1", root: false, terminal: true, reference: false },
    ]);
    const again = await createFlow(app, projectId, { name: "renamed-but-same-group" }, { version_group_id: "my-group" });
    const row = await flowRow(again);
    expect([row.version, row.version_group_id]).toEqual([2, "my-group"]);
  });

  it("an idempotency key that matches the newest version answers with it and makes no new version", async () => {
    const first = await createFlow(app, projectId, { name: "idem" }, { idempotency_key: "k1" });
    const again = await createFlow(app, projectId, { name: "idem" }, { idempotency_key: "k1" });
    expect(again).toBe(first);
    const changed = await createFlow(app, projectId, { name: "idem", tasks: ["other-1"] }, { idempotency_key: "k2" });
    expect(changed).not.toBe(first);
    const versions = await app.deps.db.selectFrom("flow").select("version").where("name", "=", "idem").execute();
    expect(versions.map((v) => v.version).sort()).toEqual([1, 2]);
  });

  it("rejects a malformed serialized flow with what is wrong, writing nothing", async () => {
    const before = (await app.deps.db.selectFrom("flow").select("id").execute()).length;
    const bad = await app.gql(`mutation($input: create_flow_input!) { create_flow(input: $input) { id } }`, {
      input: { project_id: projectId, serialized_flow: { ...serializedFlow(), name: "", tasks: [{ name: "no slug" }] } },
    });
    expect(errorCode(bad)).toBe("BAD_USER_INPUT");
    expect(bad.errors?.[0].message).toMatch(/name/);
    expect(bad.errors?.[0].message).toMatch(/tasks\.0\.slug/);
    const dupSlug = await app.gql(`mutation($input: create_flow_input!) { create_flow(input: $input) { id } }`, {
      input: { project_id: projectId, serialized_flow: serializedFlow({ name: "dup", tasks: ["a-1", "a-1"] }) },
    });
    expect(errorCode(dupSlug)).toBe("BAD_USER_INPUT");
    const notGzip = await app.gql(CREATE_COMPRESSED, { input: { project_id: projectId, serialized_flow: "not base64 gzip" } });
    expect(errorCode(notGzip)).toBe("BAD_USER_INPUT");
    const badEdge = await app.gql(`mutation($input: create_flow_input!) { create_flow(input: $input) { id } }`, {
      input: { project_id: projectId, serialized_flow: serializedFlow({ name: "half", tasks: ["a-1"], edges: [["a-1", "ghost-1"]] }) },
    });
    expect(errorCode(badEdge)).toBe("BAD_USER_INPUT");
    expect((await app.deps.db.selectFrom("flow").select("id").execute()).length).toBe(before);
    expect(await app.deps.db.selectFrom("flow_group").select("id").where("name", "is not", null).execute()).toHaveLength(
      (await app.deps.db.selectFrom("flow").select("flow_group_id").distinct().execute()).length,
    );
    const unknownProject = await app.gql(`mutation($input: create_flow_input!) { create_flow(input: $input) { id } }`, {
      input: { project_id: "00000000-0000-4000-8000-000000000000", serialized_flow: serializedFlow() },
    });
    expect(errorCode(unknownProject)).toBe("NOT_FOUND");
  });

  it("switches schedules on only when there is one", async () => {
    const plain = await createFlow(app, projectId, { name: "unscheduled" });
    const q = (name: string, id: string) => app.ok(`mutation($id: UUID!) { ${name}(input: {flow_id: $id}) { success error } }`, { id });
    expect((await q("set_schedule_active", plain)).set_schedule_active.success).toBe(false);
    const scheduled = await createFlow(app, projectId, { name: "scheduled", schedule: { type: "Schedule", clocks: [] } }, { set_schedule_active: false });
    expect(!!(await flowRow(scheduled)).is_schedule_active).toBe(false);
    expect((await q("set_schedule_active", scheduled)).set_schedule_active.success).toBe(true);
    expect(!!(await flowRow(scheduled)).is_schedule_active).toBe(true);
    expect((await q("set_schedule_inactive", scheduled)).set_schedule_inactive.success).toBe(true);
    expect(!!(await flowRow(scheduled)).is_schedule_active).toBe(false);
  });

  it("archives and deletes flows, and sets flow group labels", async () => {
    const id = await createFlow(app, projectId, { name: "doomed" });
    const groupId = (await flowRow(id)).flow_group_id;
    const labels = await app.ok(`mutation($g: UUID!) { set_flow_group_labels(input: {flow_group_id: $g, labels: ["b", "a", "b"]}) { success } }`, { g: groupId });
    expect(labels.set_flow_group_labels.success).toBe(true);
    const group = await app.deps.db.selectFrom("flow_group").select("labels").where("id", "=", groupId).executeTakeFirstOrThrow();
    expect(typeof group.labels === "string" ? JSON.parse(group.labels) : group.labels).toEqual(["a", "b"]);
    await app.ok(`mutation($id: UUID!) { archive_flow(input: {flow_id: $id}) { success } }`, { id });
    expect(!!(await flowRow(id)).archived).toBe(true);
    await app.ok(`mutation($id: UUID!) { delete_flow(input: {flow_id: $id}) { success } }`, { id });
    expect(await app.deps.db.selectFrom("flow").select("id").where("id", "=", id).executeTakeFirst()).toBeUndefined();
    expect(await app.deps.db.selectFrom("flow_group").select("id").where("id", "=", groupId).executeTakeFirst()).toBeUndefined();
    const missing = await app.gql(`mutation { delete_flow(input: {flow_id: "00000000-0000-4000-8000-000000000000"}) { success } }`);
    expect(errorCode(missing)).toBe("NOT_FOUND");
  });
});
