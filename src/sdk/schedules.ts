import { Cron } from "croner";
import { isTimeZone, wallTime } from "../core/zoned-time.ts";
import { SDK_VERSION } from "./serialize.ts";

/**
 * Flow schedules, serialized as Prefect 1 serializes `Schedule(clocks=[IntervalClock | CronClock])`, so
 * the server (and schedules registered by the Python client) read one shape.
 */

/** Prefect's `{dt, tz}`: a naive wall-clock time and the IANA zone it is read in. */
export interface SerializedDateTime {
  dt: string;
  tz: string;
}

interface SerializedClockBase {
  __version__: string;
  start_date: SerializedDateTime | null;
  end_date: SerializedDateTime | null;
  parameter_defaults: Record<string, unknown>;
  labels: string[] | null;
}

export interface SerializedIntervalClock extends SerializedClockBase {
  type: "IntervalClock";
  /** Microseconds, as Prefect serializes a timedelta here. */
  interval: number;
}

export interface SerializedCronClock extends SerializedClockBase {
  type: "CronClock";
  cron: string;
  day_or: boolean;
}

export interface SerializedSchedule {
  type: "Schedule";
  __version__: string;
  clocks: (SerializedIntervalClock | SerializedCronClock)[];
  filters: [];
  not_filters: [];
  or_filters: [];
  adjustments: [];
}

/** A schedule for `new Flow(name, build, { schedule })`; make one with {@link interval} or {@link cron}. */
export class Schedule {
  /** @internal */
  constructor(readonly clocks: readonly (SerializedIntervalClock | SerializedCronClock)[]) {}

  /** Prefect 1's serialized schedule. */
  serialize(): SerializedSchedule {
    return { type: "Schedule", __version__: SDK_VERSION, clocks: this.clocks.map((c) => ({ ...c })), filters: [], not_filters: [], or_filters: [], adjustments: [] };
  }
}

interface ClockOptions {
  /** IANA time zone the schedule is read in (default UTC), e.g. `"America/New_York"`. */
  timezone?: string;
  /** No run before this instant. */
  start?: Date;
  /** No run after this instant. */
  end?: Date;
  /** Parameter values for this schedule's runs, over the flow's defaults. */
  parameters?: Record<string, unknown>;
  /** Agent labels for this schedule's runs (default: the flow's). */
  labels?: string[];
}

export interface IntervalOptions extends ClockOptions {
  ms?: number;
  seconds?: number;
  minutes?: number;
  hours?: number;
  days?: number;
}

export interface CronOptions extends ClockOptions {
  /** With both day fields set, run when either matches (standard cron, the default) or only when both do. */
  dayOr?: boolean;
}

/**
 * Prefect's clocks need a zone on their start date; a fixed start keeps the serialized flow (and so its
 * registration key) the same from one registration to the next.
 */
const EPOCH_WALL_TIME = "2019-01-01T00:00:00";

/** Naive ISO without milliseconds when there are none, as pendulum writes it. */
function zoned(ms: number | undefined, timeZone: string): SerializedDateTime {
  if (ms === undefined) return { dt: EPOCH_WALL_TIME, tz: timeZone };
  return { dt: new Date(wallTime(ms, timeZone)).toISOString().replace(/(\.000)?Z$/, ""), tz: timeZone };
}

function clockBase(options: ClockOptions, fn: string): Omit<SerializedClockBase, "start_date"> & { timezone: string } {
  const timezone = options.timezone ?? "UTC";
  if (!isTimeZone(timezone)) throw new TypeError(`${fn}: unknown time zone "${timezone}"`);
  for (const key of ["start", "end"] as const) {
    const d = options[key];
    if (d !== undefined && !(d instanceof Date && !Number.isNaN(d.getTime()))) throw new TypeError(`${fn}: ${key} must be a valid Date`);
  }
  return {
    __version__: SDK_VERSION,
    timezone,
    end_date: options.end ? zoned(options.end.getTime(), timezone) : null,
    parameter_defaults: { ...(options.parameters ?? {}) },
    labels: options.labels ? [...options.labels] : null,
  };
}

const UNITS = { ms: 1, seconds: 1000, minutes: 60_000, hours: 3_600_000, days: 86_400_000 } as const;

/**
 * Runs a flow every fixed span of time, counted from `start` (default 2019-01-01 00:00 in the zone).
 * Whole-day spans keep the start's local time across DST changes.
 *
 * @example
 * ```ts
 * import { Flow, interval } from "tern";
 * new Flow("every-15-minutes", build, { schedule: interval({ minutes: 15 }) });
 * new Flow("daily-at-nine", build, { schedule: interval({ days: 1, start: new Date("2026-01-01T09:00:00-05:00"), timezone: "America/New_York" }) });
 * ```
 */
export function interval(options: IntervalOptions): Schedule {
  let ms = 0;
  for (const unit of Object.keys(UNITS) as (keyof typeof UNITS)[]) {
    const value = options[unit];
    if (value === undefined) continue;
    if (typeof value !== "number" || !Number.isFinite(value) || value < 0) throw new TypeError(`interval(): ${unit} must be a non-negative number`);
    ms += value * UNITS[unit];
  }
  if (!Number.isInteger(ms) || ms < 1000) throw new TypeError("interval(): the interval must be a whole number of milliseconds, at least one second");
  const { timezone, ...base } = clockBase(options, "interval()");
  return new Schedule([{ type: "IntervalClock", ...base, start_date: zoned(options.start?.getTime(), timezone), interval: ms * 1000 }]);
}

/**
 * Runs a flow at the times a five-field cron expression names, read in `timezone` (default UTC), so
 * "30 9 * * *" with `America/New_York` is 09:30 there in winter and summer alike.
 *
 * @example
 * ```ts
 * import { Flow, cron } from "tern";
 * new Flow("weekday-report", build, { schedule: cron("30 9 * * 1-5", { timezone: "America/New_York" }) });
 * ```
 */
export function cron(expression: string, options: CronOptions = {}): Schedule {
  const text = typeof expression === "string" ? expression.trim() : "";
  try {
    if (text.split(/\s+/).length !== 5) throw new Error();
    new Cron(text, { mode: "5-part", paused: true });
  } catch {
    throw new TypeError(`cron(): "${String(expression)}" is not a five-field cron expression (minute hour day-of-month month day-of-week)`);
  }
  const { timezone, ...base } = clockBase(options, "cron()");
  const zoneOnly = !options.start && timezone === "UTC";
  return new Schedule([{ type: "CronClock", ...base, start_date: zoneOnly ? null : zoned(options.start?.getTime(), timezone), cron: text, day_or: options.dayOr ?? true }]);
}
