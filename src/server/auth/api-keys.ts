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

/**
 * How long a key, once found live, is trusted without asking the database again. Every request of an
 * --auth server is checked, and the lookup cost ~2 ms p50 per request; a revoked key stops working
 * within this window. Only acceptances are remembered: a new key works at once.
 */
export const VERIFIED_KEY_TTL_MS = 5_000;

/** Per database: key digest → when its acceptance expires. */
const verified = new WeakMap<object, Map<string, number>>();

/** Whether `key` is a live key. Looks up by hash, then compares in constant time. */
export async function verifyApiKey(db: Kysely<any>, key: string, now: number = Date.now()): Promise<boolean> {
  const digest = hash(key);
  let known = verified.get(db);
  if (!known) verified.set(db, (known = new Map()));
  const until = known.get(digest);
  if (until !== undefined && until > now) return true;
  known.delete(digest);
  const row = await (db as Kysely<ApiKeyTables>).selectFrom("api_key").select(["key_hash", "revoked"]).where("key_hash", "=", digest).executeTakeFirst();
  if (!row || row.revoked) return false;
  if (!timingSafeEqual(Buffer.from(row.key_hash), Buffer.from(digest))) return false;
  known.set(digest, now + VERIFIED_KEY_TTL_MS);
  return true;
}

/** The bearer token of a request, if any. */
export function bearerToken(request: Request): string | null {
  const header = request.headers.get("authorization");
  const match = header?.match(/^Bearer\s+(\S+)$/i);
  return match ? match[1] : null;
}
