import type { AppDeps } from "../graphql/context.ts";

/** Loops the server runs beside the API (zombie killer, scheduler). Returns a stop function. */
export function startBackgroundServices(_deps: AppDeps): () => void {
  return () => {};
}
