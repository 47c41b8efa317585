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

  describe("across a DST change in America/New_York (clocks spring forward on 2026-03-08, fall back on 2026-11-01)", () => {
    const newYork = (dt: string) => ({ dt, tz: "America/New_York" });

    it("keeps a cron at its local time: 09:30 is 14:30 UTC before the change and 13:30 after", () => {
      const clock = { type: "CronClock", cron: "30 9 * * *", start_date: newYork("2026-01-01T00:00:00") };
      expect(iso(nextEvents({ clocks: [clock] }, new Date("2026-03-06T12:00:00Z"), 3))).toEqual([
        "2026-03-06T14:30:00.000Z",
        "2026-03-07T14:30:00.000Z",
        "2026-03-08T13:30:00.000Z",
      ]);
      // A time that happens twice when clocks fall back runs once.
      const twice = { type: "CronClock", cron: "30 1 * * *", start_date: newYork("2026-01-01T00:00:00") };
      expect(iso(nextEvents({ clocks: [twice] }, new Date("2026-10-31T12:00:00Z"), 2))).toEqual(["2026-11-01T05:30:00.000Z", "2026-11-02T06:30:00.000Z"]);
    });

    it("keeps a daily interval at its start's local time, and an hourly one at fixed real-time steps", () => {
      const daily = { type: "IntervalClock", interval: 86_400 * 1e6, start_date: newYork("2026-03-01T09:00:00") };
      expect(iso(nextEvents({ clocks: [daily] }, new Date("2026-03-07T12:00:00Z"), 3))).toEqual([
        "2026-03-07T14:00:00.000Z",
        "2026-03-08T13:00:00.000Z",
        "2026-03-09T13:00:00.000Z",
      ]);
      const hourly = { type: "IntervalClock", interval: 3600 * 1e6, start_date: newYork("2026-03-08T00:00:00") };
      expect(iso(nextEvents({ clocks: [hourly] }, new Date("2026-03-08T06:30:00Z"), 3))).toEqual([
        "2026-03-08T07:00:00.000Z",
        "2026-03-08T08:00:00.000Z",
        "2026-03-08T09:00:00.000Z",
      ]);
    });

    it("reads a start date's naive wall time in its zone", () => {
      const clock = { type: "IntervalClock", interval: 3600 * 1e6, start_date: newYork("2026-07-01T09:00:00") };
      expect(iso(nextEvents({ clocks: [clock] }, new Date("2026-06-01T00:00:00Z"), 1))).toEqual(["2026-07-01T13:00:00.000Z"]);
    });
  });
});
