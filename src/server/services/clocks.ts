/**
 * Prefect 1.x schedules, as the client serializes them: `{type: "Schedule", clocks: [...]}` with
 * IntervalClock (`interval` in microseconds, `start_date`, `end_date`) and CronClock (`cron`, five
 * fields, `day_or`). Pure: turns a schedule into its next start times. Cron is evaluated in UTC.
 */

export interface ClockEvent {
  start: Date;
  parameterDefaults: Record<string, unknown>;
  labels: string[] | null;
}

interface SerializedClock {
  type?: string;
  interval?: number;
  cron?: string;
  day_or?: boolean;
  start_date?: { dt?: string; tz?: string } | string | null;
  end_date?: { dt?: string; tz?: string } | string | null;
  parameter_defaults?: Record<string, unknown> | null;
  labels?: string[] | null;
}

/** Prefect's IntervalClock counts from 2019-01-01 when no start date is given. */
const DEFAULT_START = Date.UTC(2019, 0, 1);
const MINUTE = 60_000;
/** Cron search horizon: a schedule with no match within a year yields nothing. */
const CRON_HORIZON_MINUTES = 366 * 24 * 60;

function parseDate(value: SerializedClock["start_date"]): number | null {
  if (!value) return null;
  const text = typeof value === "string" ? value : value.dt;
  if (!text) return null;
  // Prefect writes naive `dt` plus a `tz`; only UTC is honoured, so a naive time is read as UTC.
  const ms = Date.parse(/[zZ]|[+-]\d\d:?\d\d$/.test(text) ? text : `${text}Z`);
  return Number.isNaN(ms) ? null : ms;
}

function intervalEvents(clock: SerializedClock, after: number, count: number): number[] {
  const stepMs = (clock.interval ?? 0) / 1000;
  if (!(stepMs >= 1000)) return [];
  const start = parseDate(clock.start_date) ?? DEFAULT_START;
  const end = parseDate(clock.end_date) ?? Infinity;
  let k = after < start ? 0 : Math.floor((after - start) / stepMs) + 1;
  const out: number[] = [];
  while (out.length < count) {
    const t = start + k * stepMs;
    if (t > end) break;
    if (t > after) out.push(t);
    k++;
  }
  return out;
}

const NAMES: Record<string, number> = {
  jan: 1, feb: 2, mar: 3, apr: 4, may: 5, jun: 6, jul: 7, aug: 8, sep: 9, oct: 10, nov: 11, dec: 12,
  sun: 0, mon: 1, tue: 2, wed: 3, thu: 4, fri: 5, sat: 6,
};

/** One cron field as the set of values it allows; null when the field is malformed. */
function cronField(text: string, min: number, max: number): Set<number> | null {
  const values = new Set<number>();
  for (const part of text.toLowerCase().split(",")) {
    const [range, stepText] = part.split("/");
    const step = stepText === undefined ? 1 : Number(stepText);
    if (!Number.isInteger(step) || step < 1) return null;
    const num = (s: string) => (s in NAMES ? NAMES[s] : Number(s));
    let lo: number;
    let hi: number;
    if (range === "*") [lo, hi] = [min, max];
    else if (range.includes("-")) [lo, hi] = range.split("-").map(num) as [number, number];
    else [lo, hi] = [num(range), stepText === undefined ? num(range) : max];
    if (!Number.isInteger(lo) || !Number.isInteger(hi) || lo < min || hi > max || lo > hi) return null;
    for (let v = lo; v <= hi; v += step) values.add(v);
  }
  return values;
}

function cronEvents(clock: SerializedClock, after: number, count: number): number[] {
  const fields = (clock.cron ?? "").trim().split(/\s+/);
  if (fields.length !== 5) return [];
  const [minute, hour, dom, month, dowRaw] = [
    cronField(fields[0], 0, 59),
    cronField(fields[1], 0, 23),
    cronField(fields[2], 1, 31),
    cronField(fields[3], 1, 12),
    cronField(fields[4], 0, 7),
  ];
  if (!minute || !hour || !dom || !month || !dowRaw) return [];
  const dow = new Set([...dowRaw].map((d) => d % 7));
  const domRestricted = fields[2] !== "*";
  const dowRestricted = fields[4] !== "*";
  const dayOr = clock.day_or ?? true;
  const start = parseDate(clock.start_date) ?? -Infinity;
  const end = parseDate(clock.end_date) ?? Infinity;
  const out: number[] = [];
  let t = Math.floor(Math.max(after, start - 1) / MINUTE) * MINUTE + MINUTE;
  for (let i = 0; i < CRON_HORIZON_MINUTES && out.length < count && t <= end; i++, t += MINUTE) {
    const d = new Date(t);
    if (!minute.has(d.getUTCMinutes()) || !hour.has(d.getUTCHours()) || !month.has(d.getUTCMonth() + 1)) continue;
    const domOk = dom.has(d.getUTCDate());
    const dowOk = dow.has(d.getUTCDay());
    const dayOk = domRestricted && dowRestricted ? (dayOr ? domOk || dowOk : domOk && dowOk) : domOk && dowOk;
    if (dayOk && t > after) out.push(t);
  }
  return out;
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
