import { readFileSync } from "node:fs";
import { join } from "node:path";
import { contentHash } from "../../bin/content-hash.mjs";

/** What the dashboard build (dist/) is made from; a change to any of these makes it stale. */
const DASHBOARD_SOURCES = ["src/ui", "src/core", "index.html", "vite.config.ts", "public", "package-lock.json"];

/** Written by the build (vite.config.ts) beside the dashboard: the {@link dashboardSourcesHash} it was built from. */
export const DASHBOARD_HASH_FILE = "dist/.tern-sources-hash";

/** The hash of `root`'s dashboard sources as they are now. */
export function dashboardSourcesHash(root: string): string {
  return contentHash(root, DASHBOARD_SOURCES);
}

/**
 * Whether `root`'s dashboard must be (re)built before serving it: it was never built, or its sources
 * hash differently from what it was built from, so `npm start` never serves a dashboard older than the code.
 */
export function dashboardNeedsBuild(root: string): boolean {
  let built: string;
  try {
    built = readFileSync(join(root, DASHBOARD_HASH_FILE), "utf8").trim();
  } catch {
    return true;
  }
  return built !== dashboardSourcesHash(root);
}
