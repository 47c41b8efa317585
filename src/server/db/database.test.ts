import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { decodeRow, encodeRow } from "./codec.ts";
import { type OpenedDatabase, openDatabase } from "./database.ts";
import { createTestDatabase, type TestDatabase, testDialects } from "./testing.ts";

describe.each(testDialects())("database on %s", (kind) => {
  let testDb: TestDatabase;
  let opened: OpenedDatabase;
  beforeAll(async () => {
    testDb = await createTestDatabase(kind);
    opened = await openDatabase(testDb.url);
  });
  afterAll(async () => {
    await opened?.close();
    await testDb?.drop();
  });

  it("migrates and round-trips every column type", async () => {
    const { db, dialect } = opened;
    const id = crypto.randomUUID();
    await db.insertInto("tenant").values(encodeRow("tenant", { id, name: "t", slug: `s-${id}`, settings: { a: [1, 2] }, info: null }, dialect)).execute();
    const row = await db.selectFrom("tenant").selectAll().where("id", "=", id).executeTakeFirstOrThrow();
    const tenant = decodeRow("tenant", row);
    expect(tenant.settings).toEqual({ a: [1, 2] });
    expect(tenant.created).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{6}Z$/);
  });

  it("a raw read holds what the Database type declares for this dialect, and only encoded values can be written", async () => {
    const { db, dialect } = opened;
    const tenant = { id: crypto.randomUUID() };
    await db.insertInto("tenant").values(encodeRow("tenant", { id: tenant.id, name: "t", slug: `s-${tenant.id}`, settings: {} }, dialect)).execute();
    const id = crypto.randomUUID();
    const project = crypto.randomUUID();
    const group = crypto.randomUUID();
    await db.insertInto("project").values(encodeRow("project", { id: project, tenant_id: tenant.id, name: "p" }, dialect)).execute();
    await db.insertInto("flow_group").values(encodeRow("flow_group", { id: group, tenant_id: tenant.id }, dialect)).execute();
    const flow = encodeRow("flow", { id, tenant_id: tenant.id, project_id: project, flow_group_id: group, name: "f", archived: true, schedule: { clocks: [] } }, dialect);
    // @ts-expect-error a jsonb column takes JSON text from the codec, not a JS value
    db.insertInto("flow").values({ ...flow, schedule: { clocks: [] } });
    // @ts-expect-error a timestamp column takes canonical text, not a Date
    db.updateTable("flow").set({ updated: new Date() });
    await db.insertInto("flow").values(flow).execute();

    const raw = await db.selectFrom("flow").select(["archived", "schedule", "created"]).where("id", "=", id).executeTakeFirstOrThrow();
    const archived: number | boolean = raw.archived;
    // @ts-expect-error a stored boolean may be SQLite's 0/1
    const notABoolean: boolean = raw.archived;
    expect(archived).toBe(dialect === "sqlite" ? 1 : true);
    expect(notABoolean).not.toBeUndefined();
    expect(typeof raw.schedule).toBe(dialect === "sqlite" ? "string" : "object");
    // Text on both dialects (a column default may be written at another width: decoding makes it canonical).
    expect(typeof raw.created).toBe("string");
    expect(decodeRow("flow", raw)).toMatchObject({ archived: true, schedule: { clocks: [] } });
  });

  it("enforces foreign keys", async () => {
    const { db, dialect } = opened;
    const insert = db
      .insertInto("project")
      .values(encodeRow("project", { id: crypto.randomUUID(), tenant_id: crypto.randomUUID(), name: "orphan" }, dialect))
      .execute();
    await expect(insert).rejects.toThrow();
  });
});
