import { createHash, randomBytes } from "node:crypto";
import type { Kysely } from "kysely";
import type { Database } from "../db/tables.ts";

/** The api_key table is kept out of `Database` (and so out of the read API) on purpose. */
// A type, not an interface: Kysely's withTables wants an index signature.
export type ApiKeyTables = {
  api_key: { id: string; created: string; name: string; prefix: string; key_hash: string; revoked: number; last_used: string | null; revoked_at: string | null };
};

/** What is stored of a key: its SHA-256 digest, never the key. */
export const hashApiKey = (key: string) => createHash("sha256").update(key).digest("hex");

const keys = (db: Kysely<Database>) => db.withTables<ApiKeyTables>();

/** Creates a key and returns it: the only time it is ever seen, since only its hash is stored. */
export async function createApiKey(db: Kysely<Database>, name: string): Promise<{ id: string; key: string }> {
  const key = `tern_${randomBytes(24).toString("base64url")}`;
  const id = crypto.randomUUID();
  await keys(db)
    .insertInto("api_key")
    .values({ id, created: new Date().toISOString(), name, prefix: key.slice(0, 9), key_hash: hashApiKey(key), revoked: 0, last_used: null, revoked_at: null })
    .execute();
  return { id, key };
}

/** A key as `tern auth list-keys` shows it: never the key, nor its hash. */
export interface ApiKeyInfo {
  id: string;
  name: string;
  created: string;
  lastUsed: string | null;
  revokedAt: string | null;
}

const INFO_COLUMNS = ["id", "name", "created", "last_used", "revoked", "revoked_at"] as const;
type InfoRow = Pick<ApiKeyTables["api_key"], (typeof INFO_COLUMNS)[number]>;

// Keys revoked before revoked_at existed have none: their creation time is the best bound known.
const toInfo = (r: InfoRow): ApiKeyInfo => ({ id: r.id, name: r.name, created: r.created, lastUsed: r.last_used, revokedAt: r.revoked ? (r.revoked_at ?? r.created) : null });

/** Every key, oldest first. */
export async function listApiKeys(db: Kysely<Database>): Promise<ApiKeyInfo[]> {
  const rows = await keys(db).selectFrom("api_key").select(INFO_COLUMNS).orderBy("created").orderBy("id").execute();
  return rows.map(toInfo);
}

export type RevokeResult =
  | { outcome: "revoked" | "already-revoked"; key: ApiKeyInfo }
  | { outcome: "not-found" }
  /** Several live keys share the name: revoke by id instead. */
  | { outcome: "ambiguous"; ids: string[] };

/**
 * Revokes the key with this id, or else the one live key with this name. The caller tells running
 * servers (see `announceChange`); a server on SQLite sees it on its next lookup anyway.
 */
export async function revokeApiKey(db: Kysely<Database>, idOrName: string, now = new Date()): Promise<RevokeResult> {
  return keys(db)
    .transaction()
    .execute(async (tx) => {
      const byId = await tx.selectFrom("api_key").select("id").where("id", "=", idOrName).executeTakeFirst();
      let id = byId?.id;
      if (!id) {
        const named = await tx.selectFrom("api_key").select(["id", "revoked"]).where("name", "=", idOrName).orderBy("created").execute();
        const live = named.filter((k) => !k.revoked);
        if (live.length > 1) return { outcome: "ambiguous", ids: live.map((k) => k.id) };
        // With no active key of that name, a revoked one answers "already revoked".
        id = live[0]?.id ?? named.at(-1)?.id;
      }
      if (!id) return { outcome: "not-found" };
      const updated = await tx.updateTable("api_key").set({ revoked: 1, revoked_at: now.toISOString() }).where("id", "=", id).where("revoked", "=", 0).executeTakeFirst();
      const key = toInfo(await tx.selectFrom("api_key").select(INFO_COLUMNS).where("id", "=", id).executeTakeFirstOrThrow());
      return { outcome: Number(updated.numUpdatedRows) > 0 ? "revoked" : "already-revoked", key };
    });
}

/** The bearer token of an `Authorization` header value, if any. */
export function bearerFromHeader(header: string | null | undefined): string | null {
  const match = header?.match(/^Bearer\s+(\S+)$/i);
  return match ? match[1] : null;
}

/** The bearer token of a request, if any. */
export function bearerToken(request: Request): string | null {
  return bearerFromHeader(request.headers.get("authorization"));
}
