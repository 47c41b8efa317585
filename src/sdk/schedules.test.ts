import { describe, expect, it } from "vitest";
import { nextEvents } from "../server/services/clocks.ts";
import { Flow } from "./flow.ts";
import { Parameter } from "./parameter.ts";
import { cron, interval } from "./schedules.ts";
import { SDK_VERSION } from "./serialize.ts";

const envelope = { type: "Schedule", __version__: SDK_VERSION, filters: [], not_filters: [], or_filters: [], adjustments: [] };

describe("schedules serialize as Prefect 1's Schedule", () => {
  it("interval(): an IntervalClock in microseconds from a zoned start date", () => {
    expect(interval({ minutes: 1, seconds: 30 }).serialize()).toEqual({
      ...envelope,
      clocks: [
        {
          type: "IntervalClock",
          __version__: SDK_VERSION,
          interval: 90 * 1e6,
          start_date: { dt: "2019-01-01T00:00:00", tz: "UTC" },
          end_date: null,
          parameter_defaults: {},
          labels: null,
        },
      ],
    });
    const daily = interval({ days: 1, start: new Date("2026-03-01T14:00:00Z"), timezone: "America/New_York", parameters: { who: "clock" }, labels: ["etl"] });
    expect(daily.serialize().clocks[0]).toMatchObject({
      interval: 86_400 * 1e6,
      start_date: { dt: "2026-03-01T09:00:00", tz: "America/New_York" },
      parameter_defaults: { who: "clock" },
      labels: ["etl"],
    });
  });

  it("cron(): a CronClock whose start date carries the time zone", () => {
    expect(cron("30 9 * * *", { timezone: "America/New_York" }).serialize()).toEqual({
      ...envelope,
      clocks: [
        {
          type: "CronClock",
          __version__: SDK_VERSION,
          cron: "30 9 * * *",
          day_or: true,
          start_date: { dt: "2019-01-01T00:00:00", tz: "America/New_York" },
          end_date: null,
          parameter_defaults: {},
          labels: null,
        },
      ],
    });
    expect(cron("0 * * * *").serialize().clocks[0]).toMatchObject({ start_date: null, day_or: true });
  });

  it("the server reads what the SDK writes, at 09:30 New York time on both sides of DST", () => {
    const schedule = cron("30 9 * * *", { timezone: "America/New_York" }).serialize();
    const events = nextEvents(JSON.parse(JSON.stringify(schedule)), new Date("2026-03-07T12:00:00Z"), 2);
    expect(events.map((e) => e.start.toISOString())).toEqual(["2026-03-07T14:30:00.000Z", "2026-03-08T13:30:00.000Z"]);
  });

  it("refuses what no server could run", () => {
    expect(() => interval({})).toThrow(TypeError);
    expect(() => interval({ ms: 500 })).toThrow(TypeError);
    expect(() => interval({ minutes: -1 })).toThrow(TypeError);
    expect(() => cron("61 * * * *")).toThrow(TypeError);
    expect(() => cron("* * * *")).toThrow(TypeError);
    expect(() => cron("0 9 * * *", { timezone: "Mars/Olympus" })).toThrow(TypeError);
  });

  it("a flow carries its schedule into its serialized form", () => {
    const flow = new Flow("scheduled", () => void Parameter("who", { default: "Cloud" }), { schedule: interval({ hours: 1 }) });
    expect(flow.serialize().schedule?.clocks[0]).toMatchObject({ type: "IntervalClock", interval: 3600 * 1e6 });
    expect(new Flow("unscheduled", () => void Parameter("who", { default: "x" })).serialize().schedule).toBeNull();
  });

  it("a scheduled flow needs a value for every required parameter: a default or the schedule's own", () => {
    const build = () => void Parameter("who", { required: true });
    expect(new Flow("no-value", build, { schedule: interval({ hours: 1 }) }).validate().errors).toEqual([expect.stringContaining('Parameter "who" is required')]);
    expect(new Flow("clock-value", build, { schedule: interval({ hours: 1, parameters: { who: "clock" } }) }).validate().errors).toEqual([]);
  });
});
