import { describe, expect, it } from "vitest";
import { formatAgo, formatDuration, formatRelative, formatTime, ilikePattern, runDuration } from "./format.ts";

describe("formatDuration", () => {
  it.each([
    [850, "850ms"],
    [12_345, "12.3s"],
    [245_000, "4m 05s"],
    [7_380_000, "2h 03m"],
    [-1, "—"],
  ])("%d ms → %s", (ms, text) => expect(formatDuration(ms)).toBe(text));
});

describe("runDuration", () => {
  it("measures to now while the run has no end", () => {
    expect(runDuration("2026-01-01T00:00:00.000Z", null, Date.parse("2026-01-01T00:00:02.500Z"))).toBe(2500);
  });
  it("uses the end time once there is one", () => {
    expect(runDuration("2026-01-01T00:00:00.000Z", "2026-01-01T00:00:01.000Z", Date.parse("2030-01-01T00:00:00Z"))).toBe(1000);
  });
  it("is null before the run starts", () => expect(runDuration(null, null, 0)).toBeNull());
});

describe("formatTime", () => {
  it("prints UTC with a Z", () => expect(formatTime("2026-11-26T14:03:09.120Z", "utc")).toBe("2026-11-26 14:03:09Z"));
  it("prints a dash for nothing", () => expect(formatTime(null, "local")).toBe("—"));
});

describe("formatRelative", () => {
  const now = Date.parse("2026-01-01T12:00:00Z");
  it("past", () => expect(formatRelative("2026-01-01T11:57:00Z", now)).toBe("3 min ago"));
  it("future", () => expect(formatRelative("2026-01-01T14:00:00Z", now)).toBe("in 2 h"));
  it("never", () => expect(formatRelative(null, now)).toBe("never"));
});

describe("ilikePattern", () => {
  it("wraps the text", () => expect(ilikePattern("step_1")).toBe("%step_1%"));
});

describe("formatAgo", () => {
  const now = Date.parse("2026-01-01T12:00:00Z");
  it("past", () => expect(formatAgo("2026-01-01T11:59:48Z", now)).toBe("12 s ago"));
  it("a moment ahead of this clock is now, never future tense", () => expect(formatAgo("2026-01-01T12:00:03Z", now)).toBe("just now"));
  it("never", () => expect(formatAgo(null, now)).toBe("never"));
});
