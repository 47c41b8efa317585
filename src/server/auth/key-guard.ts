import SQLite from "better-sqlite3";
import type { Kysely } from "kysely";
import type { Dialect } from "../db/codec.ts";
import type { Database } from "../db/tables.ts";
import type { ChangeFeed } from "../events.ts";
import { type ApiKeyTables, hashApiKey } from "./api-keys.ts";

/**
 * Decides, for an `--auth` server, whether a bearer key is live, and ends what a key opened when it
 * is revoked. Keys are revoked from outside the server (`tern auth revoke-key` writes the database),
 * so how the server learns of it depends on the database:
 * - SQLite: the key is looked up on every request through a second, read-only connection of its
 *   own: a synchronous indexed read of microseconds that never waits behind the server's queries
 *   on the shared connection, so nothing needs caching and a revocation counts from the next request.
 * - PostgreSQL: a lookup is a round trip, so an accepted key is trusted for VERIFIED_KEY_TTL_MS;
 *   revoke-key announces itself on the change feed (NOTIFY), which clears that trust on every
 *   replica as the notice arrives. The window only matters if a notice is lost.
 * Open live queries are bound to their key (`watch`) and re-checked on each notice and every
 * WATCH_RECHECK_MS, which is what ends them on SQLite.
 */

/** How long an accepted key is trusted without a lookup (PostgreSQL only; see above). */
export const VERIFIED_KEY_TTL_MS = 5_000;
/** How often the keys of open live queries are looked up again. */
export const WATCH_RECHECK_MS = 1_000;
/** `last_used` is written at most this often per key and server: list-keys shows it to the minute. */
export const LAST_USED_RESOLUTION_MS = 60_000;

export interface KeyGuardOptions {
  db: Kysely<Database>;
  /** A synchronous lookup of a key's digest on its own connection; without one, `db` is asked. */
  readLive?: (digest: string) => boolean;
  /** Trust accepted keys for VERIFIED_KEY_TTL_MS. */
  cacheAcceptances: boolean;
  events?: ChangeFeed;
  now?: () => number;
  close?: () => void;
}

export class ApiKeyGuard {
  /** Digest → when its acceptance expires. */
  private readonly accepted = new Map<string, number>();
  /** Digest → when its last_used was last written. */
  private readonly touched = new Map<string, number>();
  /** Digest → what to call when it is revoked. */
  private readonly watchers = new Map<string, Set<() => void>>();
  private timer: NodeJS.Timeout | null = null;
  private rechecking: Promise<void> | null = null;
  private again: Promise<void> | null = null;
  private readonly unsubscribe: () => void;
  private readonly now: () => number;

  constructor(private readonly options: KeyGuardOptions) {
    this.now = options.now ?? Date.now;
    this.unsubscribe = options.events?.subscribe((topics) => topics.has("api_key") && this.keysChanged()) ?? (() => {});
  }

  /** Whether `token` is a live key; records its use. */
  async verify(token: string | null): Promise<boolean> {
    if (!token) return false;
    const digest = hashApiKey(token);
    const now = this.now();
    const until = this.accepted.get(digest);
    let live = until !== undefined && until > now;
    if (!live) {
      this.accepted.delete(digest);
      live = await this.isLive(digest);
      if (live && this.options.cacheAcceptances) this.accepted.set(digest, now + VERIFIED_KEY_TTL_MS);
    }
    if (live) this.touch(digest, now);
    return live;
  }

  /** Calls `onRevoked` once if `token`'s key is revoked; the returned function stops watching. */
  watch(token: string, onRevoked: () => void): () => void {
    const digest = hashApiKey(token);
    let set = this.watchers.get(digest);
    if (!set) this.watchers.set(digest, (set = new Set()));
    set.add(onRevoked);
    this.timer ??= setInterval(() => void this.recheck(), WATCH_RECHECK_MS).unref();
    return () => {
      set.delete(onRevoked);
      if (set.size === 0 && this.watchers.get(digest) === set) this.watchers.delete(digest);
      this.stopTimerIfIdle();
    };
  }

  /** Some key may have been revoked: forget what was trusted and look the watched keys up now. */
  keysChanged(): void {
    this.accepted.clear();
    void this.recheck();
  }

  /**
   * Looks every watched key up again, ending the watchers of revoked ones. Asked while a pass runs,
   * it runs one more pass after it: the running one may have read a key before its revocation.
   */
  recheck(): Promise<void> {
    if (this.rechecking) {
      this.again ??= this.rechecking.then(() => {
        this.again = null;
        return this.recheck();
      });
      return this.again;
    }
    this.rechecking = this.recheckWatched().finally(() => {
      this.rechecking = null;
    });
    return this.rechecking;
  }

  close(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    this.unsubscribe();
    this.watchers.clear();
    this.options.close?.();
  }

  private async recheckWatched(): Promise<void> {
    for (const digest of [...this.watchers.keys()]) {
      let live: boolean;
      try {
        live = await this.isLive(digest);
      } catch {
        continue; // The database is briefly unreachable: keep the stream, look again next time.
      }
      if (live) continue;
      this.accepted.delete(digest);
      const ended = this.watchers.get(digest);
      this.watchers.delete(digest);
      for (const onRevoked of ended ?? []) onRevoked();
    }
    this.stopTimerIfIdle();
  }

  private stopTimerIfIdle(): void {
    if (this.watchers.size > 0 || !this.timer) return;
    clearInterval(this.timer);
    this.timer = null;
  }

  private async isLive(digest: string): Promise<boolean> {
    if (this.options.readLive) return this.options.readLive(digest);
    const row = await this.options.db.withTables<ApiKeyTables>().selectFrom("api_key").select("revoked").where("key_hash", "=", digest).executeTakeFirst();
    return !!row && !Number(row.revoked);
  }

  private touch(digest: string, now: number): void {
    const last = this.touched.get(digest);
    if (last !== undefined && now - last < LAST_USED_RESOLUTION_MS) return;
    this.touched.set(digest, now);
    // Bookkeeping, not part of the answer: a failed write must not fail the request.
    this.options.db.withTables<ApiKeyTables>()
      .updateTable("api_key")
      .set({ last_used: new Date(now).toISOString() })
      .where("key_hash", "=", digest)
      .execute()
      .catch(() => this.touched.delete(digest));
  }
}

/** The guard for a server's database (see the top of this file for what differs by dialect). */
export function createKeyGuard(deps: { db: Kysely<Database>; dialect: Dialect; events: ChangeFeed; databaseUrl: string }): ApiKeyGuard {
  if (deps.dialect === "sqlite" && deps.databaseUrl !== ":memory:") {
    const reader = new SQLite(deps.databaseUrl, { readonly: true, fileMustExist: true });
    reader.pragma("busy_timeout = 1000");
    const byDigest = reader.prepare<[string], { revoked: number }>("SELECT revoked FROM api_key WHERE key_hash = ?");
    return new ApiKeyGuard({
      db: deps.db,
      readLive: (digest) => {
        const row = byDigest.get(digest);
        return !!row && !row.revoked;
      },
      cacheAcceptances: false,
      events: deps.events,
      close: () => reader.close(),
    });
  }
  return new ApiKeyGuard({ db: deps.db, cacheAcceptances: deps.dialect === "postgres", events: deps.events });
}
