import { Cron } from "croner";
import { instantOf, isTimeZone, wallTime } from "../../core/zoned-time.ts";

/**
 * Prefect 1.x schedules, as the client serializes them: `{type: "Schedule", clocks: [...]}` with
 * IntervalClock (`interval` in microseconds, `start_date`, `end_date`) and CronClock (`cron`, five
 * fields, `day_or`). Dates are `{dt, tz}`: a naive wall time and the IANA zone it is read in; the
 * start date's zone is the clock's zone. Pure: turns a schedule into its next start times.
 */

export interface ClockEvent {
  start: Date;
  parameterDefaults: Record<string, unknown>;
  labels: string[] | null;
}

type SerializedDate = { dt?: string; tz?: string } | string | null;

interface SerializedClock {
  type?: string;
  interval?: number;
  cron?: string;
  day_or?: boolean;
  start_date?: SerializedDate;
  end_date?: SerializedDate;
  parameter_defaults?: Record<string, unknown> | null;
  labels?: string[] | null;
}

/** Prefect's IntervalClock counts from 2019-01-01 when no start date is given. */
const DEFAULT_START = Date.UTC(2019, 0, 1);
const DAY = 86_400_000;
const HAS_OFFSET = /[zZ]|[+-]\d\d:?\d\d$/;

function zoneOf(value: SerializedDate | undefined): string {
  const tz = value && typeof value === "object" ? value.tz : undefined;
  return tz && isTimeZone(tz) ? tz : "UTC";
}

function parseDate(value: SerializedDate | undefined): number | null {
  if (!value) return null;
  const text = typeof value === "string" ? value : value.dt;
  if (!text) return null;
  if (HAS_OFFSET.test(text)) {
    const ms = Date.parse(text);
    return Number.isNaN(ms) ? null : ms;
  }
  const wall = Date.parse(`${text}Z`);
  return Number.isNaN(wall) ? null : instantOf(wall, zoneOf(value));
}

/**
 * Whole-day intervals keep the start's wall-clock time in its zone (daily at 09:00 stays 09:00 across
 * DST); shorter ones are fixed spans of real time.
 */
function intervalEvents(clock: SerializedClock, after: number, count: number): number[] {
  const stepMs = (clock.interval ?? 0) / 1000;
  if (!(stepMs >= 1000)) return [];
  const start = parseDate(clock.start_date) ?? DEFAULT_START;
  const end = parseDate(clock.end_date) ?? Infinity;
  const zone = zoneOf(clock.start_date);
  const byWallClock = zone !== "UTC" && stepMs % DAY === 0;
  const startWall = wallTime(start, zone);
  const at = (k: number) => (byWallClock ? instantOf(startWall + k * stepMs, zone) : start + k * stepMs);
  // DST moves a wall-clock event by at most a few hours, so one step back is a safe place to begin.
  let k = after < start ? 0 : Math.max(0, Math.floor((after - start) / stepMs) - 1);
  const out: number[] = [];
  while (out.length < count) {
    const t = at(k);
    if (t > end) break;
    if (t > after) out.push(t);
    k++;
  }
  return out;
}

/** Cron in the start date's zone (UTC without one), standard day-of-month OR day-of-week unless `day_or` is false. */
function cronEvents(clock: SerializedClock, after: number, count: number): number[] {
  const pattern = (clock.cron ?? "").trim();
  if (pattern.split(/\s+/).length !== 5) return [];
  const start = parseDate(clock.start_date);
  const end = parseDate(clock.end_date);
  let cron: Cron;
  try {
    cron = new Cron(pattern, {
      mode: "5-part",
      timezone: zoneOf(clock.start_date),
      domAndDow: clock.day_or === false,
      startAt: start === null ? undefined : new Date(start),
      // croner's stopAt is exclusive; a Prefect end date is inclusive.
      stopAt: end === null ? undefined : new Date(end + 1),
      paused: true,
    });
  } catch {
    return [];
  }
  return cron.nextRuns(count, new Date(after)).map((d) => d.getTime());
}

/** The next `count` start times of a serialized schedule strictly after `after`, earliest first. */
export function nextEvents(schedule: unknown, after: Date, count: number): ClockEvent[] {
  const clocks = (schedule as { clocks?: SerializedClock[] } | null)?.clocks;
  if (!Array.isArray(clocks)) return [];
  const events = new Map<number, ClockEvent>();
  for (const clock of clocks) {
    const times = clock.type === "CronClock" ? cronEvents(clock, after.getTime(), count) : clock.type === "IntervalClock" ? intervalEvents(clock, after.getTime(), count) : [];
    for (const t of times) {
      if (!events.has(t)) events.set(t, { start: new Date(t), parameterDefaults: clock.parameter_defaults ?? {}, labels: clock.labels ?? null });
    }
  }
  return [...events.values()].sort((a, b) => a.start.getTime() - b.start.getTime()).slice(0, count);
}
