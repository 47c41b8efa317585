import { badInput } from "./errors.ts";

/** Keys are client UUIDs in practice; the bound only keeps junk out of the unique indexes. */
export const MAX_IDEMPOTENCY_KEY_LENGTH = 200;

/** Idempotency keys on log lines and state writes: absent, or a non-empty bounded string. */
export function checkIdempotencyKey(key: string | null | undefined) {
  if (key !== null && key !== undefined && (key.length === 0 || key.length > MAX_IDEMPOTENCY_KEY_LENGTH)) {
    throw badInput(`An idempotency key must be 1 to ${MAX_IDEMPOTENCY_KEY_LENGTH} characters.`);
  }
}
