import { readdirSync, statSync } from "node:fs";
import { join } from "node:path";

/** What the dashboard build (dist/) is made from; a change to any of these makes it stale. */
const DASHBOARD_SOURCES = ["src/ui", "src/core", "index.html", "vite.config.ts", "public", "package-lock.json"];

function newestChange(path: string): number {
  const stats = statSync(path, { throwIfNoEntry: false });
  if (!stats) return 0;
  if (!stats.isDirectory()) return stats.mtimeMs;
  let newest = stats.mtimeMs;
  for (const entry of readdirSync(path)) newest = Math.max(newest, newestChange(join(path, entry)));
  return newest;
}

/**
 * Whether `root`'s dashboard must be (re)built before serving it: it was never built, or a source
 * changed after the last build, so `npm start` never serves a dashboard older than the code.
 */
export function dashboardNeedsBuild(root: string): boolean {
  const built = statSync(join(root, "dist/index.html"), { throwIfNoEntry: false });
  if (!built) return true;
  return DASHBOARD_SOURCES.some((source) => newestChange(join(root, source)) > built.mtimeMs);
}
