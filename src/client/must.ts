/**
 * The contract types payloads as nullable (as Prefect's schema does), but a successful call always
 * carries them; a null here is a server bug, reported as such rather than as a later TypeError.
 */
export function must<T>(value: T | null | undefined, what: string): T {
  if (value === null || value === undefined) throw new Error(`The server returned no ${what}.`);
  return value;
}
