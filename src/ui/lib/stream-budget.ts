/**
 * Browsers open at most 6 HTTP/1.1 connections per origin, and every live query is one long SSE
 * response. Past that, requests queue behind the streams and the page hangs. So live queries share
 * a budget: identical keys share one stream, the highest-priority keys (earliest first on ties) get
 * one of BUDGET streams, and the rest fall back to polling until a stream frees up.
 */
export const STREAM_BUDGET = 4;

export interface BudgetEntry {
  key: string;
  priority: number;
}

/** Which keys get a stream: pure, so the rule is testable. */
export function grantStreams(entries: readonly (BudgetEntry & { seq: number })[], budget = STREAM_BUDGET): Set<string> {
  const best = new Map<string, { priority: number; seq: number }>();
  for (const e of entries) {
    const b = best.get(e.key);
    if (!b || e.priority > b.priority || (e.priority === b.priority && e.seq < b.seq)) best.set(e.key, { priority: e.priority, seq: e.seq });
  }
  const ranked = [...best.entries()].sort((a, b) => b[1].priority - a[1].priority || a[1].seq - b[1].seq);
  return new Set(ranked.slice(0, budget).map(([key]) => key));
}
