/**
 * Inlined into index.html by the build (vite.config.ts), where it runs before the main bundle has
 * even downloaded: it sends the opened view's first queries as one batched POST, so the server works
 * on them while the app loads, and the app adopts the answers (lib/first-answers.ts) instead of asking
 * after it has loaded. In that build every generated document is its printed text, hence the cast.
 * Only the dashboard sends any yet. It must not throw: anything that goes wrong leaves the app to ask.
 */
import type { FirstRequests } from "./lib/first-answers.ts";
import { viewOfPath } from "./lib/view-of-path.ts";
import { dashboardFirstQueries, dashboardScope, type FirstQuery } from "./routes/dashboard/first-queries.ts";

/** Where lib/api-key.ts keeps the saved key (first-answers.test.ts checks they agree). */
export const API_KEY_STORAGE = "tern.apiKey";

const text = (document: FirstQuery["document"]) => document as unknown as string;

function firstQueries() {
  if (viewOfPath(location.pathname) !== "dashboard") return [];
  const { project, window } = dashboardScope(new URLSearchParams(location.search));
  return dashboardFirstQueries(project, window, Date.now());
}

try {
  const queries = firstQueries();
  if (queries.length > 0) {
    const key = localStorage.getItem(API_KEY_STORAGE);
    const sent = performance.now();
    const answers = fetch("/graphql", {
      method: "POST",
      headers: { "content-type": "application/json", accept: "application/graphql-response+json, application/json", ...(key ? { authorization: `Bearer ${key}` } : {}) },
      body: JSON.stringify(queries.map((q) => ({ query: text(q.document), variables: q.variables }))),
    })
      .then((response) => (response.ok ? response.json() : null))
      .then((body) => (Array.isArray(body) && body.length === queries.length ? body : null))
      .catch(() => null);
    // A printed document starts with its operation: `query Name(…`.
    const operations = queries.map((q) => ({ name: /^\w+\s+(\w+)/.exec(text(q.document))?.[1] ?? "", variables: q.variables }));
    window.__ternFirstRequests = { sent, operations, answers } satisfies FirstRequests;
  }
} catch {
  // Leave the app to ask.
}

// The app reads localStorage (preferences, API key) and the router sessionStorage as they start. A
// tab's first read of each waits for the browser to hand the storage over (tens of ms on a busy
// machine); read once here, after the parse, it is done while the main bundle downloads.
setTimeout(() => {
  try {
    localStorage.getItem(API_KEY_STORAGE);
    sessionStorage.getItem(API_KEY_STORAGE);
  } catch {
    // Storage refused (private mode, policy): the app copes as before.
  }
});
