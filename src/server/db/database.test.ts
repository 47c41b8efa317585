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
    await db.insertInto("tenant").values(encodeRow("tenant", { id, name: "t", slug: `s-${id}`, settings: { a: [1, 2] }, info: null }, dialect) as never).execute();
    const row = await db.selectFrom("tenant").selectAll().where("id", "=", id).executeTakeFirstOrThrow();
    const tenant = decodeRow("tenant", row as Record<string, unknown>);
    expect(tenant.settings).toEqual({ a: [1, 2] });
    expect(tenant.created).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{6}Z$/);
  });

  it("enforces foreign keys", async () => {
    const { db, dialect } = opened;
    const insert = db
      .insertInto("project")
      .values(encodeRow("project", { id: crypto.randomUUID(), tenant_id: crypto.randomUUID(), name: "orphan" }, dialect) as never)
      .execute();
    await expect(insert).rejects.toThrow();
  });
});
