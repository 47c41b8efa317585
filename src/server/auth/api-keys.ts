import { createHash, randomBytes, timingSafeEqual } from "node:crypto";
import type { Kysely } from "kysely";

/** The api_key table is kept out of `Database` (and so out of the read API) on purpose. */
interface ApiKeyTables {
  api_key: { id: string; created: string; name: string; prefix: string; key_hash: string; revoked: number };
}

const hash = (key: string) => createHash("sha256").update(key).digest("hex");

/** Creates a key and returns it: the only time it is ever seen, since only its hash is stored. */
export async function createApiKey(db: Kysely<any>, name: string): Promise<{ id: string; key: string }> {
  const key = `tern_${randomBytes(24).toString("base64url")}`;
  const id = crypto.randomUUID();
  await (db as Kysely<ApiKeyTables>)
    .insertInto("api_key")
    .values({ id, created: new Date().toISOString(), name, prefix: key.slice(0, 9), key_hash: hash(key), revoked: 0 })
    .execute();
  return { id, key };
}

/** Whether `key` is a live key. Looks up by hash, then compares in constant time. */
export async function verifyApiKey(db: Kysely<any>, key: string): Promise<boolean> {
  const digest = hash(key);
  const row = await (db as Kysely<ApiKeyTables>).selectFrom("api_key").select(["key_hash", "revoked"]).where("key_hash", "=", digest).executeTakeFirst();
  if (!row || row.revoked) return false;
  return timingSafeEqual(Buffer.from(row.key_hash), Buffer.from(digest));
}

/** The bearer token of a request, if any. */
export function bearerToken(request: Request): string | null {
  const header = request.headers.get("authorization");
  const match = header?.match(/^Bearer\s+(\S+)$/i);
  return match ? match[1] : null;
}
