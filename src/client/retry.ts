import { DATABASE_UNAVAILABLE, errorCode, TernConnectionError } from "./errors.ts";

/**
 * How long and how often a request is re-sent while the server cannot be reached: exponential
 * backoff with jitter, each wait capped, the whole effort bounded. Only transport failures and a
 * server whose database is unavailable are retried; any other answer (validation, business rule) is final.
 */
export interface RetryPolicy {
  /** First wait. */
  baseMs: number;
  /** No single wait is longer than this, so a server that comes back is noticed quickly. */
  maxDelayMs: number;
  /** Give up once this much time has passed since the first attempt. */
  totalMs: number;
}

/** Interactive commands: a missing server is reported within a couple of seconds. */
export const SHORT_RETRY: RetryPolicy = { baseMs: 100, maxDelayMs: 2000, totalMs: 1500 };
/** Long-running programs (agent, engine): long enough to ride out a server restart. */
export const RESTART_RETRY: RetryPolicy = { baseMs: 100, maxDelayMs: 2000, totalMs: 60_000 };

/** `baseMs`·2^`attempt` (0-based), capped at `maxMs`: the doubling every backoff in Tern shares. */
export function doublingDelay(attempt: number, baseMs: number, maxMs: number): number {
  return Math.min(maxMs, baseMs * 2 ** Math.min(attempt, 30));
}

/**
 * The wait before retry number `attempt` (0-based): base·2^attempt capped at `maxDelayMs`, then
 * "equal jitter" (half fixed, half random) so many clients coming back after one restart spread out
 * without any of them hammering at zero delay.
 */
export function backoffDelay(attempt: number, policy: RetryPolicy, random: () => number = Math.random): number {
  const ceiling = doublingDelay(attempt, policy.baseMs, policy.maxDelayMs);
  return Math.round(ceiling / 2 + random() * (ceiling / 2));
}

/**
 * Errors worth another try: the request never got an answer from a live server, or the server's
 * database could not take it for now (DATABASE_UNAVAILABLE).
 */
export function isTransient(error: unknown): boolean {
  return error instanceof TernConnectionError || errorCode(error) === DATABASE_UNAVAILABLE;
}

export interface RetryHooks {
  sleep?: (ms: number) => Promise<void>;
  now?: () => number;
  random?: () => number;
}

/**
 * Runs `attempt` until it succeeds, fails with a non-transient error, or the next wait would pass
 * the policy's total budget (then the last transient error is thrown).
 */
export async function withRetry<T>(attempt: () => Promise<T>, policy: RetryPolicy, hooks: RetryHooks = {}): Promise<T> {
  const sleep = hooks.sleep ?? ((ms: number) => new Promise<void>((r) => setTimeout(r, ms)));
  const now = hooks.now ?? Date.now;
  const started = now();
  for (let n = 0; ; n++) {
    try {
      return await attempt();
    } catch (error) {
      if (!isTransient(error)) throw error;
      const delay = backoffDelay(n, policy, hooks.random);
      if (now() + delay - started > policy.totalMs) throw error;
      await sleep(delay);
    }
  }
}

/** `TERN_RETRY_FOR_MS` overrides the total budget (tests and operators tune how long to wait). */
export function policyFromEnv(base: RetryPolicy, env: NodeJS.ProcessEnv = process.env): RetryPolicy {
  const raw = env.TERN_RETRY_FOR_MS;
  const total = raw === undefined || raw === "" ? NaN : Number(raw);
  return Number.isFinite(total) && total >= 0 ? { ...base, totalMs: total } : base;
}
