import { describe, expect, it } from "vitest";
import { formatMicros, timestampMicros, toTimestamp } from "./timestamps.ts";

describe("timestamps", () => {
  it("keep a client's microseconds, in UTC, at a fixed width", () => {
    expect(toTimestamp("2026-01-02T03:04:05.123456+00:00")).toBe("2026-01-02T03:04:05.123456Z");
    expect(toTimestamp("2026-01-02T04:34:05.123456+01:30")).toBe("2026-01-02T03:04:05.123456Z");
    expect(toTimestamp("2026-01-01T22:04:05.5-05")).toBe("2026-01-02T03:04:05.500000Z");
    expect(toTimestamp("2026-01-02T03:04:05Z")).toBe("2026-01-02T03:04:05.000000Z");
    expect(toTimestamp("2026-01-02T03:04:05.123Z")).toBe("2026-01-02T03:04:05.123000Z");
  });
  it("read PostgreSQL's text output", () => {
    expect(toTimestamp("2026-01-02 03:04:05.123456+00")).toBe("2026-01-02T03:04:05.123456Z");
    expect(toTimestamp("2026-01-02 08:34:05+05:30")).toBe("2026-01-02T03:04:05.000000Z");
  });
  it("drop digits past the microsecond", () => {
    expect(toTimestamp("2026-01-02T03:04:05.1234567Z")).toBe("2026-01-02T03:04:05.123456Z");
  });
  it("take Dates and epoch milliseconds", () => {
    expect(toTimestamp(new Date("2026-01-02T03:04:05.123Z"))).toBe("2026-01-02T03:04:05.123000Z");
    expect(toTimestamp(Date.UTC(2026, 0, 2, 3, 4, 5, 123))).toBe("2026-01-02T03:04:05.123000Z");
  });
  it("sort as text in time order", () => {
    const texts = ["2026-01-02T03:04:05.123001Z", "2026-01-02T03:04:05.123Z", "2026-01-02T03:04:05.1229Z"].map(toTimestamp);
    expect([...texts].sort()).toEqual(["2026-01-02T03:04:05.122900Z", "2026-01-02T03:04:05.123000Z", "2026-01-02T03:04:05.123001Z"]);
  });
  it("round-trip through epoch microseconds", () => {
    expect(formatMicros(timestampMicros("1969-12-31T23:59:59.999999Z"))).toBe("1969-12-31T23:59:59.999999Z");
  });
  it("refuse what is not a time", () => {
    for (const bad of ["soon", "2026-13-01T00:00:00Z", "2026-02-30T00:00:00Z", "2026-01-01T24:00:00Z", Number.NaN]) expect(() => toTimestamp(bad)).toThrow(RangeError);
  });
});
