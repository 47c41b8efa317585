/**
 * A view's code could not be downloaded (the server is unreachable, or a newer build replaced the file).
 * A browser remembers a failed module import for the life of the document, so only a reload retries it.
 */
export class RouteChunkError extends Error {
  constructor(cause: unknown) {
    super("This page could not be loaded from the Tern server.", { cause });
    this.name = "RouteChunkError";
  }
}

/**
 * A route's `lazy`. A failed download becomes a loader that throws RouteChunkError, so the view's own
 * error boundary shows it inside the app's frame (a rejected `lazy` is not reliably routed to one) and
 * its Retry can reload the page.
 */
export function lazyRoute<T extends object>(load: () => Promise<T>): () => Promise<T | { loader: () => never }> {
  return () =>
    load().catch((error: unknown) => ({
      loader: () => {
        throw new RouteChunkError(error);
      },
    }));
}
