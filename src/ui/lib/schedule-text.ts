/**
 * A Prefect 1 serialized schedule (`{clocks: [IntervalClock | CronClock]}`) in words, for the flow
 * page: "Every 15 minutes", "At 09:30 on Monday–Friday (America/New_York)". Cron patterns that read
 * badly in words are shown as they are.
 */

interface Clock {
  type?: string;
  interval?: number;
  cron?: string;
  start_date?: { tz?: string } | string | null;
}

const UNITS: [ms: number, one: string][] = [
  [86_400_000, "day"],
  [3_600_000, "hour"],
  [60_000, "minute"],
  [1000, "second"],
  [1, "millisecond"],
];

const DAYS = ["Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"];

const every = (n: number, unit: string) => (n === 1 ? `Every ${unit}` : `Every ${n} ${unit}s`);

function intervalText(microseconds: number): string {
  const ms = microseconds / 1000;
  const [size, unit] = UNITS.find(([size]) => ms % size === 0) ?? UNITS[UNITS.length - 1];
  return every(ms / size, unit);
}

const isNumber = (s: string) => /^\d+$/.test(s);
const pad = (s: string) => s.padStart(2, "0");

/** The weekdays in words; null for every day, undefined when the field does not read well in words. */
function daysText(field: string): string | null | undefined {
  if (field === "*") return null;
  const day = (s: string) => (isNumber(s) ? DAYS[Number(s) % 7] : undefined);
  const parts = field.split(",").map((part) => {
    const [a, b] = part.split("-");
    if (b === undefined) return day(a);
    const [from, to] = [day(a), day(b)];
    return from && to ? `${from}–${to}` : undefined;
  });
  return parts.every(Boolean) ? parts.join(", ") : undefined;
}

function cronText(cron: string): string {
  const fields = cron.trim().split(/\s+/);
  const fallback = `Cron "${cron.trim()}"`;
  if (fields.length !== 5) return fallback;
  const [minute, hour, dom, month, dow] = fields;
  if (dom !== "*" || month !== "*") return fallback;
  const days = daysText(dow);
  if (days === undefined) return fallback;
  const on = days ? ` on ${days}` : "";
  if (isNumber(minute) && isNumber(hour)) return `At ${pad(hour)}:${pad(minute)}${days ? on : " every day"}`;
  if (isNumber(minute) && hour === "*") return `Every hour at minute ${Number(minute)}${on}`;
  const step = /^\*\/(\d+)$/.exec(minute);
  if (step && hour === "*") return `${every(Number(step[1]), "minute")}${on}`;
  if (minute === "*" && hour === "*") return `Every minute${on}`;
  return fallback;
}

function zoneOf(clock: Clock): string | null {
  const tz = clock.start_date && typeof clock.start_date === "object" ? clock.start_date.tz : undefined;
  return tz && tz !== "UTC" ? tz : null;
}

function clockText(clock: Clock): string | null {
  let text: string;
  if (clock.type === "IntervalClock" && typeof clock.interval === "number" && clock.interval > 0) text = intervalText(clock.interval);
  else if (clock.type === "CronClock" && typeof clock.cron === "string") text = cronText(clock.cron);
  else return null;
  const zone = zoneOf(clock);
  return zone ? `${text} (${zone})` : `${text}${clock.type === "CronClock" ? " (UTC)" : ""}`;
}

/** The schedule in words, one phrase per clock joined by "; "; null when there is no schedule. */
export function scheduleText(schedule: unknown): string | null {
  const clocks = (schedule as { clocks?: unknown } | null | undefined)?.clocks;
  if (!Array.isArray(clocks) || clocks.length === 0) return null;
  const texts = clocks.map((c) => clockText((c ?? {}) as Clock) ?? "A schedule Tern cannot read");
  return texts.join("; ");
}
