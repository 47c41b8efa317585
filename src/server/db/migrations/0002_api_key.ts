import type { Kysely } from "kysely";

/**
 * API keys for `tern server start --auth`. Only a SHA-256 hash of each key is stored; the key itself
 * is shown once, when created. Not part of the read API (tables.ts does not list it).
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable("api_key")
    .addColumn("id", "text", (col) => col.primaryKey())
    .addColumn("created", "text", (col) => col.notNull())
    .addColumn("name", "text", (col) => col.notNull())
    .addColumn("prefix", "text", (col) => col.notNull())
    .addColumn("key_hash", "text", (col) => col.notNull().unique())
    .addColumn("revoked", "integer", (col) => col.notNull().defaultTo(0))
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable("api_key").execute();
}
