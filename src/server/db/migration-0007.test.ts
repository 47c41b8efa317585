import SQLite from "better-sqlite3";
import { Kysely, Migrator, PostgresDialect, SqliteDialect } from "kysely";
import pg from "pg";
import { describe, expect, it } from "vitest";
import { openDatabase } from "./database.ts";
import { migrationProvider } from "./migrations.ts";
import { createTestDatabase, testDialects } from "./testing.ts";

const id = (n: number) => `00000000-0000-4000-8000-${String(n).padStart(12, "0")}`;

/** 0007 on a database that already has runs and lines: timestamps widened, lines numbered as shown before. */
describe.each(testDialects())("migration 0007 on %s", (kind) => {
  it("numbers existing lines per run in (timestamp, id) order and keeps every timestamp", async () => {
    const testDb = await createTestDatabase(kind);
    try {
      // Untyped like the migrations: this database is at an older schema than Database describes.
      const old = new Kysely<any>({
        dialect: kind === "sqlite" ? new SqliteDialect({ database: new SQLite(testDb.url) }) : new PostgresDialect({ pool: new pg.Pool({ connectionString: testDb.url, max: 1 }) }),
      });
      const migrated = await new Migrator({ db: old, provider: migrationProvider }).migrateTo("0005_upcoming_runs_index");
      expect(migrated.error).toBeUndefined();
      const tenant = { tenant_id: id(1) };
      await old.insertInto("tenant").values({ id: id(1), name: "default", slug: "default" }).execute();
      await old.insertInto("project").values({ id: id(2), ...tenant, name: "p" }).execute();
      await old.insertInto("flow_group").values({ id: id(3), ...tenant }).execute();
      await old.insertInto("flow").values({ id: id(4), ...tenant, project_id: id(2), flow_group_id: id(3), name: "f" }).execute();
      for (const run of [id(5), id(6)]) await old.insertInto("flow_run").values({ id: run, ...tenant, flow_id: id(4), scheduled_start_time: "2026-01-02T03:04:05.123Z" }).execute();
      const line = (n: number, runId: string, timestamp: string) => ({ id: id(n), ...tenant, flow_run_id: runId, timestamp, message: `line ${n}` });
      await old
        .insertInto("log")
        .values([line(13, id(5), "2026-01-02T03:04:06.000Z"), line(12, id(5), "2026-01-02T03:04:05.500Z"), line(11, id(5), "2026-01-02T03:04:05.500Z"), line(14, id(6), "2026-01-02T03:04:05.000Z")])
        .execute();
      await old.destroy();

      const opened = await openDatabase(testDb.url);
      try {
        const lines = await opened.db.selectFrom("log").select(["message", "seq", "timestamp"]).orderBy("message").execute();
        expect(lines).toEqual([
          { message: "line 11", seq: 1, timestamp: "2026-01-02T03:04:05.500000Z" },
          { message: "line 12", seq: 2, timestamp: "2026-01-02T03:04:05.500000Z" },
          { message: "line 13", seq: 3, timestamp: "2026-01-02T03:04:06.000000Z" },
          { message: "line 14", seq: 1, timestamp: "2026-01-02T03:04:05.000000Z" },
        ]);
        const run = await opened.db.selectFrom("flow_run").select("scheduled_start_time").where("id", "=", id(5)).executeTakeFirstOrThrow();
        expect(run.scheduled_start_time).toBe("2026-01-02T03:04:05.123000Z");
      } finally {
        await opened.close();
      }
    } finally {
      await testDb.drop();
    }
  });
});
