import { describe, expect, it } from "vitest";
import { hitLabel, isHit, searchPattern, splitHits, withContext } from "./log-search.ts";

describe("searchPattern", () => {
  it("matches case-insensitively, as _ilike does", () => expect(isHit("An ERROR here", searchPattern("error"))).toBe(true));
  it("keeps % and _ as wildcards", () => {
    expect(isHit("step 12 done", searchPattern("step%done"))).toBe(true);
    expect(isHit("stepXdone", searchPattern("step_done"))).toBe(true);
  });
  it("treats regex characters as text", () => expect(isHit("a+b", searchPattern("a+b"))).toBe(true));
  it("no query, no pattern", () => expect(searchPattern("")).toBeNull());
  it("gives the same answer twice (no lastIndex left over)", () => {
    const p = searchPattern("x");
    expect([isHit("x", p), isHit("x", p)]).toEqual([true, true]);
  });
});

describe("splitHits", () => {
  it("cuts a message into plain and matching runs", () =>
    expect(splitHits("<b>Needle</b> and needle", searchPattern("needle"))).toEqual([
      { text: "<b>", hit: false },
      { text: "Needle", hit: true },
      { text: "</b> and ", hit: false },
      { text: "needle", hit: true },
    ]));
  it("no pattern, one plain run", () => expect(splitHits("abc", null)).toEqual([{ text: "abc", hit: false }]));
});

describe("withContext", () => {
  const lines = Array.from({ length: 12 }, (_, i) => i);
  const hit = (n: number) => n === 3 || n === 9;
  const show = (context: number) => withContext(lines, hit, context, String).map((r) => (r.kind === "gap" ? `…${r.skipped}` : r.hit ? `[${r.line}]` : String(r.line)));
  it("matches only, gaps between", () => expect(show(0)).toEqual(["[3]", "…5", "[9]"]));
  it("matches with one line either side", () => expect(show(1)).toEqual(["2", "[3]", "4", "…3", "8", "[9]", "10"]));
  it("context that overlaps merges into one stretch", () => expect(show(3)).toEqual(["0", "1", "2", "[3]", "4", "5", "6", "7", "8", "[9]", "10", "11"]));
  it("every line when context is unbounded", () => expect(show(Number.POSITIVE_INFINITY)).toHaveLength(12));
});

describe("hitLabel", () => {
  it.each([
    [3, 17, "3 of 17 matches"],
    [1, 1, "1 of 1 match"],
    [null, 4, "4 matches"],
    [null, 0, "No matches"],
  ] as const)("%s of %s", (position, total, text) => expect(hitLabel(position, total)).toBe(text));
});
