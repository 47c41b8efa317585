import { describe, expect, it } from "vitest";
import { formatAgo, formatClock, formatCount, formatDuration, formatIso, formatRelative, formatTime, ilikePattern, intlTimeZone, isKnownTimeZone, runDuration } from "./format.ts";

describe("formatDuration", () => {
  it.each([
    [850, "850ms"],
    [12_345, "12.3s"],
    [245_000, "4m 05s"],
    [7_380_000, "2h 03m"],
    [-1, "—"],
  ])("%d ms → %s", (ms, text) => expect(formatDuration(ms)).toBe(text));
});

describe("formatCount", () => {
  it.each([
    [0, "0"],
    [999, "999"],
    [12_345, "12,345"],
    [1_000_000, "1,000,000"],
  ])("%d → %s", (n, text) => expect(formatCount(n)).toBe(text));
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
  const at = "2026-11-26T14:03:09.120Z";
  it("names UTC", () => expect(formatTime(at, "utc")).toBe("2026-11-26 14:03:09 UTC"));
  it("prints a dash for nothing", () => expect(formatTime(null, "local")).toBe("—"));
  it("shows a chosen zone by its offset", () => expect(formatTime(at, { zone: "Asia/Kolkata", hourCycle: 24 })).toBe("2026-11-26 19:33:09 +05:30"));
  it("follows daylight saving in the chosen zone", () => {
    expect(formatTime("2026-07-01T12:00:00Z", { zone: "Europe/Berlin", hourCycle: 24 })).toBe("2026-07-01 14:00:00 +02:00");
    expect(formatTime("2026-01-01T12:00:00Z", { zone: "Europe/Berlin", hourCycle: 24 })).toBe("2026-01-01 13:00:00 +01:00");
  });
  it("a 12-hour clock says AM or PM", () => {
    expect(formatTime(at, { zone: "utc", hourCycle: 12 })).toBe("2026-11-26 02:03:09 PM UTC");
    expect(formatTime("2026-11-26T00:05:00Z", { zone: "utc", hourCycle: 12 })).toBe("2026-11-26 12:05:00 AM UTC");
  });
  it("the local zone prints an offset, never nothing", () => expect(formatTime(at, "local")).toMatch(/ [+-]\d{2}:\d{2}$/));
});

describe("formatClock", () => {
  it("time of day with milliseconds and zone", () => expect(formatClock("2026-11-26T14:03:07.120Z", "utc")).toBe("14:03:07.120 UTC"));
  it("west of Greenwich", () => expect(formatClock("2026-11-26T14:03:07.120Z", { zone: "America/New_York", hourCycle: 12 })).toBe("09:03:07.120 AM -05:00"));
  it("a dash for a bad time", () => expect(formatClock("nope", "utc")).toBe("—"));
});

describe("formatIso", () => {
  it("full ISO in UTC", () => expect(formatIso("2026-11-26T14:03:07.120Z", { zone: "utc", hourCycle: 12 })).toBe("2026-11-26T14:03:07.120Z"));
  it("full ISO with the zone's offset", () => expect(formatIso("2026-11-26T14:03:07.120Z", { zone: "Asia/Kolkata", hourCycle: 24 })).toBe("2026-11-26T19:33:07.120+05:30"));
});

describe("isKnownTimeZone", () => {
  it("knows IANA names", () => expect(isKnownTimeZone("Europe/Berlin")).toBe(true));
  it("refuses made-up ones", () => expect(isKnownTimeZone("Mars/Olympus")).toBe(false));
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

describe("intlTimeZone", () => {
  it.each([
    ["local", undefined],
    ["utc", "UTC"],
    [{ zone: "Asia/Tokyo", hourCycle: 12 }, "Asia/Tokyo"],
  ] as const)("%o → %s", (mode, zone) => expect(intlTimeZone(mode)).toBe(zone));
});
