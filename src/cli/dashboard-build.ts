import { existsSync, readFileSync } from "node:fs";
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

/** The Vite that builds `root`'s dashboard, from `root`'s own dev dependencies. */
export function dashboardBuilder(root: string): string {
  return join(root, "node_modules/vite/bin/vite.js");
}

/**
 * Whether `root` can build its dashboard: a checkout with its dev dependencies can; a packed Tern
 * installed into a project cannot (no Vite, no lockfile to hash) and serves the build it was packed with.
 */
export function canBuildDashboard(root: string): boolean {
  return existsSync(dashboardBuilder(root));
}
