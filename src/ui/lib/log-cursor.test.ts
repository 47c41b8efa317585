import { describe, expect, it } from "vitest";
import { fetchLogPage, type LogCursor, newerPageParam, olderPageParam } from "./log-cursor.ts";

/** A fake log of `n` lines, some sharing timestamps, answering keyset where-clauses like the server. */
function fakeLog(n: number) {
  const lines = Array.from({ length: n }, (_, i) => ({ timestamp: `2026-01-01T00:00:${String(Math.floor(i / 3)).padStart(2, "0")}.000000Z`, seq: i + 1 }));
  const cmp = (a: LogCursor, b: LogCursor) => (a.timestamp < b.timestamp ? -1 : a.timestamp > b.timestamp ? 1 : a.seq - b.seq);
  const test = (w: any, l: LogCursor): boolean => {
    if (w._not) return !test(w._not, l);
    if (w._or) return w._or.some((x: unknown) => test(x, l));
    const t = w.timestamp;
    if (t._lt !== undefined && !(l.timestamp < t._lt)) return false;
    if (t._gt !== undefined && !(l.timestamp > t._gt)) return false;
    if (t._eq !== undefined && l.timestamp !== t._eq) return false;
    if (w.seq?._lt !== undefined && !(l.seq < w.seq._lt)) return false;
    if (w.seq?._gt !== undefined && !(l.seq > w.seq._gt)) return false;
    return true;
  };
  const sorted = [...lines].sort(cmp);
  return {
    lines: sorted,
    older: async (w: unknown, limit: number) => sorted.filter((l) => test(w, l)).reverse().slice(0, limit),
    newer: async (w: unknown, limit: number) => sorted.filter((l) => test(w, l)).slice(0, limit),
  };
}

describe("fetchLogPage", () => {
  const log = fakeLog(20);
  it("an around page holds the cursor's line with half a page either side", async () => {
    const page = await fetchLogPage({ dir: "around", cursor: log.lines[10] }, 6, log.older, log.newer);
    expect(page.lines.map((l) => l.seq)).toEqual([8, 9, 10, 11, 12, 13]);
    expect(page).toMatchObject({ hasOlder: true, hasNewer: true });
  });
  it("pages back to the start through shared timestamps without losing or repeating a line", async () => {
    let page = await fetchLogPage({ dir: "around", cursor: log.lines[19] }, 4, log.older, log.newer);
    const seen = [...page.lines];
    for (let param = olderPageParam(page); param; param = olderPageParam(page)) {
      page = await fetchLogPage(param, 4, log.older, log.newer);
      seen.unshift(...page.lines);
    }
    expect(seen.map((l) => l.seq)).toEqual(log.lines.map((l) => l.seq));
  });
  it("pages forward to the end and stops there", async () => {
    let page = await fetchLogPage({ dir: "around", cursor: log.lines[0] }, 4, log.older, log.newer);
    expect(page.hasOlder).toBe(false);
    expect(olderPageParam(page)).toBeUndefined();
    const seen = [...page.lines];
    for (let param = newerPageParam(page); param; param = newerPageParam(page)) {
      page = await fetchLogPage(param, 4, log.older, log.newer);
      seen.push(...page.lines);
    }
    expect(seen.map((l) => l.seq)).toEqual(log.lines.map((l) => l.seq));
    expect(page.hasNewer).toBe(false);
  });
});
