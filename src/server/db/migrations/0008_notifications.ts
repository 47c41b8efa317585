import { type Kysely, PostgresAdapter, sql } from "kysely";

/**
 * Failure notifications: a project's rules (optionally narrowed to one flow group) name the run states
 * that POST to a webhook, and every POST owed is a delivery row, written in the same transaction as the
 * state so none is lost; a background deliverer sends them (services/notifications.ts).
 * Frozen: types spelled out here, not imported from app code.
 */
export async function up(db: Kysely<any>): Promise<void> {
  const pg = db.getExecutor().adapter instanceof PostgresAdapter;
  const uuid = sql.raw(pg ? "uuid" : "text");
  const ts = sql.raw(pg ? "timestamptz" : "text");
  const json = sql.raw(pg ? "jsonb" : "text");
  const now = sql.raw(pg ? "now()" : "(strftime('%Y-%m-%dT%H:%M:%fZ','now'))");
  await db.schema
    .createTable("notification_rule")
    .addColumn("id", uuid, (col) => col.primaryKey())
    .addColumn("created", ts, (col) => col.notNull().defaultTo(now))
    .addColumn("updated", ts, (col) => col.notNull().defaultTo(now))
    .addColumn("tenant_id", uuid, (col) => col.notNull().references("tenant.id").onDelete("cascade"))
    .addColumn("project_id", uuid, (col) => col.notNull().references("project.id").onDelete("cascade"))
    .addColumn("flow_group_id", uuid, (col) => col.references("flow_group.id").onDelete("cascade"))
    .addColumn("states", json, (col) => col.notNull())
    .addColumn("webhook_url", "text", (col) => col.notNull())
    .execute();
  await db.schema.createIndex("ix_notification_rule_project_id").on("notification_rule").column("project_id").execute();
  await db.schema
    .createTable("notification_delivery")
    .addColumn("id", uuid, (col) => col.primaryKey())
    .addColumn("created", ts, (col) => col.notNull().defaultTo(now))
    .addColumn("updated", ts, (col) => col.notNull().defaultTo(now))
    .addColumn("tenant_id", uuid, (col) => col.notNull().references("tenant.id").onDelete("cascade"))
    .addColumn("rule_id", uuid, (col) => col.notNull().references("notification_rule.id").onDelete("cascade"))
    .addColumn("flow_run_id", uuid, (col) => col.notNull().references("flow_run.id").onDelete("cascade"))
    .addColumn("state", "text", (col) => col.notNull())
    .addColumn("message", "text")
    .addColumn("status", "text", (col) => col.notNull().defaultTo("Pending"))
    .addColumn("attempts", "integer", (col) => col.notNull().defaultTo(0))
    .addColumn("next_attempt", ts)
    .addColumn("last_error", "text")
    .addColumn("response_status", "integer")
    .execute();
  await db.schema.createIndex("ix_notification_delivery_status_next_attempt").on("notification_delivery").columns(["status", "next_attempt"]).execute();
  await db.schema.createIndex("ix_notification_delivery_rule_id_created").on("notification_delivery").columns(["rule_id", "created"]).execute();
  await db.schema.createIndex("ix_notification_delivery_flow_run_id").on("notification_delivery").column("flow_run_id").execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable("notification_delivery").execute();
  await db.schema.dropTable("notification_rule").execute();
}
