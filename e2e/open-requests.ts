import type { Page, Request } from "@playwright/test";

/**
 * Counts the page's requests that `matches` picks, and the most of them open at once. A live stream
 * stays open, so that peak is how many of Chromium's six HTTP/1.1 connections per origin they held.
 */
export function watchOpenRequests(page: Page, matches: (request: Request) => boolean) {
  const open = new Set<Request>();
  const seen = { started: 0, mostOpen: 0, longestWait: 0 };
  const onRequest = (request: Request) => {
    if (!matches(request)) return;
    seen.started++;
    open.add(request);
    seen.mostOpen = Math.max(seen.mostOpen, open.size);
  };
  const onDone = (request: Request) => open.delete(request);
  const onFinished = (request: Request) => {
    if (!open.delete(request)) return;
    // requestStart counts from the request's creation: time spent waiting for a free connection.
    seen.longestWait = Math.max(seen.longestWait, request.timing().requestStart);
  };
  page.on("request", onRequest);
  page.on("requestfinished", onFinished);
  page.on("requestfailed", onDone);
  return {
    get started() {
      return seen.started;
    },
    get mostOpen() {
      return seen.mostOpen;
    },
    get openNow() {
      return open.size;
    },
    /** The longest a finished request waited before it was sent (queued behind others), ms. */
    get longestWait() {
      return seen.longestWait;
    },
    stop() {
      page.off("request", onRequest);
      page.off("requestfinished", onFinished);
      page.off("requestfailed", onDone);
    },
  };
}
