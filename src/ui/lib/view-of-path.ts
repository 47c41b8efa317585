/**
 * Which view (route folder under src/ui/routes) a page address opens, by its first path segment; a
 * Prefect client's `/<tenant>/flow/…` and `/<tenant>/flow-run/…` by their second. It mirrors
 * src/ui/router.tsx for one purpose: index.html preloads the opened view's code before the router
 * has loaded (see vite.config.ts), so the function is copied into the page as source and must stay
 * self-contained plain JavaScript: no imports, no outer names.
 */
export function viewOfPath(pathname: string): string | undefined {
  const [first = "", second = ""] = pathname.split("/").filter(Boolean);
  const views: Record<string, string> = { "": "dashboard", settings: "projects", agents: "agents", flow: "flow", "flow-run": "flow-run", "task-run": "task-run" };
  if (Object.hasOwn(views, first)) return views[first];
  return second === "flow" || second === "flow-run" ? second : undefined;
}
