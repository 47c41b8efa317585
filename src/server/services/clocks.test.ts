import { describe, expect, it } from "vitest";
import { nextEvents } from "./clocks.ts";

const iso = (events: { start: Date }[]) => events.map((e) => e.start.toISOString());
const after = new Date("2026-11-27T10:07:30.000Z");

describe("nextEvents", () => {
  it("steps an IntervalClock (microseconds) from its start date", () => {
    const schedule = { type: "Schedule", clocks: [{ type: "IntervalClock", interval: 15 * 60 * 1e6, start_date: { dt: "2026-11-27T00:00:00", tz: "UTC" } }] };
    expect(iso(nextEvents(schedule, after, 3))).toEqual(["2026-11-27T10:15:00.000Z", "2026-11-27T10:30:00.000Z", "2026-11-27T10:45:00.000Z"]);
  });

  it("stops at an end date and starts no earlier than a future start date", () => {
    const clock = { type: "IntervalClock", interval: 3600 * 1e6, start_date: "2026-11-28T00:00:00Z", end_date: "2026-11-28T01:00:00Z" };
    expect(iso(nextEvents({ clocks: [clock] }, after, 5))).toEqual(["2026-11-28T00:00:00.000Z", "2026-11-28T01:00:00.000Z"]);
  });

  it("matches cron fields: steps, ranges, lists, names, and day-of-month OR day-of-week", () => {
    expect(iso(nextEvents({ clocks: [{ type: "CronClock", cron: "*/20 10-11 * * *" }] }, after, 4))).toEqual([
      "2026-11-27T10:20:00.000Z",
      "2026-11-27T10:40:00.000Z",
      "2026-11-27T11:00:00.000Z",
      "2026-11-27T11:20:00.000Z",
    ]);
    // 2026-11-27 is a Friday: the next Monday 09:00 is the 30th; "1st of the month or Monday" also hits Dec 1st.
    expect(iso(nextEvents({ clocks: [{ type: "CronClock", cron: "0 9 * * mon" }] }, after, 1))).toEqual(["2026-11-30T09:00:00.000Z"]);
    expect(iso(nextEvents({ clocks: [{ type: "CronClock", cron: "0 9 1 * 1" }] }, after, 2))).toEqual(["2026-11-30T09:00:00.000Z", "2026-12-01T09:00:00.000Z"]);
    expect(iso(nextEvents({ clocks: [{ type: "CronClock", cron: "0 9 1 * 1", day_or: false }] }, after, 1))).toEqual(["2027-02-01T09:00:00.000Z"]);
  });

  it("merges clocks, keeps each clock's parameters and labels, and ignores what it cannot read", () => {
    const events = nextEvents(
      {
        clocks: [
          { type: "CronClock", cron: "30 10 * * *", parameter_defaults: { who: "cron" }, labels: ["a"] },
          { type: "IntervalClock", interval: 20 * 60 * 1e6, start_date: "2026-11-27T10:00:00Z", parameter_defaults: { who: "interval" } },
          { type: "CronClock", cron: "not a cron" },
          { type: "RRuleClock" },
        ],
      },
      after,
      3,
    );
    expect(events.map((e) => [e.start.toISOString(), e.parameterDefaults.who, e.labels])).toEqual([
      ["2026-11-27T10:20:00.000Z", "interval", null],
      ["2026-11-27T10:30:00.000Z", "cron", ["a"]],
      ["2026-11-27T10:40:00.000Z", "interval", null],
    ]);
    expect(nextEvents(null, after, 3)).toEqual([]);
  });
});
