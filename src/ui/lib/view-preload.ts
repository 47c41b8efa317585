/**
 * Views whose code a page may ask for ahead of a likely visit (the flow page asks for the run page's,
 * so the first Quick Run does not download it after the run exists). The router registers each
 * view's module loader here: a route folder never imports another.
 */
export type ViewName = "flow-run";

const loaders = new Map<ViewName, () => Promise<unknown>>();

export function registerViewLoader(name: ViewName, load: () => Promise<unknown>) {
  loaders.set(name, load);
}

/**
 * Asks for a view's code once the page is idle; returns the cancel for an effect's cleanup. The
 * router's own import of the module on navigation is the same request, so nothing depends on this.
 */
export function preloadViewWhenIdle(name: ViewName): () => void {
  const load = () => void loaders.get(name)?.().catch(() => {});
  if (typeof requestIdleCallback !== "function") {
    const timer = setTimeout(load, 200);
    return () => clearTimeout(timer);
  }
  const handle = requestIdleCallback(load, { timeout: 2000 });
  return () => cancelIdleCallback(handle);
}
