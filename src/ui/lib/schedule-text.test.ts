import { describe, expect, it } from "vitest";
import { scheduleText } from "./schedule-text.ts";

const interval = (seconds: number) => ({ type: "IntervalClock", interval: seconds * 1e6, start_date: { dt: "2019-01-01T00:00:00", tz: "UTC" } });
const cron = (expr: string, tz?: string) => ({ type: "CronClock", cron: expr, start_date: tz ? { dt: "2019-01-01T00:00:00", tz } : null });
const text = (...clocks: unknown[]) => scheduleText({ type: "Schedule", clocks });

describe("scheduleText", () => {
  it("says intervals in their largest whole unit", () => {
    expect(text(interval(2))).toBe("Every 2 seconds");
    expect(text(interval(60))).toBe("Every minute");
    expect(text(interval(90))).toBe("Every 90 seconds");
    expect(text(interval(15 * 60))).toBe("Every 15 minutes");
    expect(text(interval(86_400))).toBe("Every day");
    expect(text({ type: "IntervalClock", interval: 2500 * 1000, start_date: { dt: "x", tz: "Europe/Paris" } })).toBe("Every 2500 milliseconds (Europe/Paris)");
  });

  it("says common cron patterns in words, with their time zone", () => {
    expect(text(cron("30 9 * * *", "America/New_York"))).toBe("At 09:30 every day (America/New_York)");
    expect(text(cron("0 18 * * 1-5"))).toBe("At 18:00 on Monday–Friday (UTC)");
    expect(text(cron("0 8 * * 0,6"))).toBe("At 08:00 on Sunday, Saturday (UTC)");
    expect(text(cron("15 * * * *"))).toBe("Every hour at minute 15 (UTC)");
    expect(text(cron("*/5 * * * *"))).toBe("Every 5 minutes (UTC)");
  });

  it("shows other cron patterns as they are, joins clocks, and is null without a schedule", () => {
    expect(text(cron("0 9 1 * *"))).toBe('Cron "0 9 1 * *" (UTC)');
    expect(text(cron("0 9 * * mon"))).toBe('Cron "0 9 * * mon" (UTC)');
    expect(text(interval(3600), { type: "RRuleClock" })).toBe("Every hour; A schedule Tern cannot read");
    expect(scheduleText(null)).toBeNull();
    expect(scheduleText({ clocks: [] })).toBeNull();
  });
});
