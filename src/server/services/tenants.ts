import { encodeRow, type Dialect } from "../db/codec.ts";
import type { Db } from "../db/database.ts";

export const DEFAULT_TENANT_SLUG = "default";

/** Tern has one tenant, as `prefect server start` creates: name and slug `default`. Returns its id. */
export async function ensureDefaultTenant(db: Db, dialect: Dialect): Promise<string> {
  const existing = await db.selectFrom("tenant").select("id").where("slug", "=", DEFAULT_TENANT_SLUG).executeTakeFirst();
  if (existing) return existing.id;
  const id = crypto.randomUUID();
  await db
    .insertInto("tenant")
    .values(encodeRow("tenant", { id, name: DEFAULT_TENANT_SLUG, slug: DEFAULT_TENANT_SLUG, settings: {} }, dialect))
    .onConflict((oc) => oc.column("slug").doNothing())
    .execute();
  const row = await db.selectFrom("tenant").select("id").where("slug", "=", DEFAULT_TENANT_SLUG).executeTakeFirstOrThrow();
  return row.id;
}
