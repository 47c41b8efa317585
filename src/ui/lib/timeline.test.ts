import { describe, expect, it } from "vitest";
import { childCounts } from "./mapped-counts.ts";
import { axisTicks, clipSegments, legendStates, mappedSpan, timelineOrigin, timelineSegments } from "./timeline.ts";

describe("timelineSegments", () => {
  const t = (s: number) => new Date(Date.UTC(2026, 0, 1, 0, 0, s)).toISOString();
  const base = Date.parse(t(0));
  it("each state lasts until the next; a finished last state is a marker", () => {
    const segs = timelineSegments(
      [
        { state: "Pending", timestamp: t(0) },
        { state: "Running", timestamp: t(1) },
        { state: "Success", timestamp: t(3) },
      ],
      base + 60_000,
    );
    expect(segs.map((s) => [s.state, s.start - base, s.end - base])).toEqual([
      ["Pending", 0, 1000],
      ["Running", 1000, 3000],
      ["Success", 3000, 3000],
    ]);
  });
  it("an unfinished last state runs until now", () => {
    const [seg] = timelineSegments([{ state: "Running", timestamp: t(0) }], base + 5000);
    expect(seg.end - seg.start).toBe(5000);
  });
});

describe("timelineOrigin and clipSegments", () => {
  const segs = [
    { state: "Pending", start: 0, end: 4000 },
    { state: "Running", start: 4000, end: 6000 },
    { state: "Success", start: 6000, end: 6000 },
  ];
  it("starts at the first Running state, or the run's start when earlier", () => {
    expect(timelineOrigin(null, segs)).toBe(4000);
    expect(timelineOrigin(3000, segs)).toBe(3000);
    expect(timelineOrigin(null, [{ state: "Pending", start: 0, end: 10 }])).toBeNull();
    expect(timelineOrigin(null, [{ state: "Pending", start: 0, end: 10 }, { state: "Skipped", start: 10, end: 10 }])).toBe(10);
  });
  it("drops what ended before the origin and cuts what spans it", () => {
    expect(clipSegments(segs, 3000)).toEqual([
      { state: "Pending", start: 3000, end: 4000 },
      { state: "Running", start: 4000, end: 6000 },
      { state: "Success", start: 6000, end: 6000 },
    ]);
    expect(clipSegments(segs, 4000).map((s) => s.state)).toEqual(["Running", "Success"]);
  });
});

describe("axisTicks", () => {
  it("uses round steps that fit the span", () => {
    expect(axisTicks(10_000)).toEqual([0, 2000, 4000, 6000, 8000, 10_000]);
    expect(axisTicks(900)).toEqual([0, 200, 400, 600, 800]);
    expect(axisTicks(0)).toEqual([0]);
  });
  it("goes to minutes and hours for long runs", () => {
    expect(axisTicks(30 * 60_000)[1]).toBe(5 * 60_000);
    expect(axisTicks(48 * 3_600_000)[1]).toBe(10 * 3_600_000);
    expect(axisTicks(48 * 3_600_000).length).toBeLessThanOrEqual(7);
  });
});

describe("legendStates", () => {
  it("lists each state once in order of appearance", () => {
    expect(legendStates([{ state: "Running", start: 0, end: 1 }, { state: "Success", start: 1, end: 1 }, { state: "Running", start: 2, end: 3 }])).toEqual(["Running", "Success"]);
  });
});

describe("mappedSpan", () => {
  const counts = (done: boolean) => childCounts(4, { Success: done ? 4 : 2, Failed: 0, Cancelled: 0, Finished: 0, Running: done ? 0 : 1 });
  it("spans the children, up to now while some are unfinished", () => {
    expect(mappedSpan({ counts: counts(false), firstStart: 1000, lastEnd: 3000 }, 9000)).toEqual([{ state: "Running", start: 1000, end: 9000 }]);
    expect(mappedSpan({ counts: counts(true), firstStart: 1000, lastEnd: 3000 }, 9000)).toEqual([{ state: "Success", start: 1000, end: 3000 }]);
  });
  it("is empty until a child starts", () => {
    expect(mappedSpan({ counts: counts(false), firstStart: null, lastEnd: null }, 9000)).toEqual([]);
  });
});
