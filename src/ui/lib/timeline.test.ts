import { describe, expect, it } from "vitest";
import { timelineSegments } from "./timeline.ts";

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
