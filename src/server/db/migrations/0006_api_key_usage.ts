import type { Kysely } from "kysely";

/**
 * What `tern auth list-keys` shows besides a key's name and creation time: when it was last used
 * (to within a minute; see auth/key-guard.ts) and when it was revoked.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable("api_key").addColumn("last_used", "text").execute();
  await db.schema.alterTable("api_key").addColumn("revoked_at", "text").execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable("api_key").dropColumn("revoked_at").execute();
  await db.schema.alterTable("api_key").dropColumn("last_used").execute();
}
