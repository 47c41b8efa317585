/** A duration for humans: `850ms`, `12.3s`, `4m 05s`, `2h 03m`. */
export function formatDuration(ms: number): string {
  if (!Number.isFinite(ms) || ms < 0) return "—";
  if (ms < 1000) return `${Math.round(ms)}ms`;
  const s = ms / 1000;
  if (s < 60) return `${s.toFixed(1)}s`;
  const totalSeconds = Math.floor(s);
  const h = Math.floor(totalSeconds / 3600);
  const m = Math.floor((totalSeconds % 3600) / 60);
  const sec = totalSeconds % 60;
  if (h > 0) return `${h}h ${String(m).padStart(2, "0")}m`;
  return `${m}m ${String(sec).padStart(2, "0")}s`;
}

/** Duration between two ISO times; an open end means "until now" (a running run ticks). */
export function runDuration(start: string | null | undefined, end: string | null | undefined, now: number): number | null {
  if (!start) return null;
  const from = Date.parse(start);
  const to = end ? Date.parse(end) : now;
  return Number.isNaN(from) || Number.isNaN(to) ? null : Math.max(0, to - from);
}

/** Where times are shown: the browser's own zone, UTC, or an IANA zone such as `Europe/Berlin`. */
export type TimeZoneChoice = "local" | "utc" | (string & {});
export type HourCycle = 12 | 24;

/** How every time in the app is shown (the header's preference). */
export interface TimeSettings {
  zone: TimeZoneChoice;
  hourCycle: HourCycle;
}

/** A bare `"local"`/`"utc"` still works where a caller has no settings at hand (24-hour clock). */
export type TimeMode = "local" | "utc" | TimeSettings;

function settingsOf(mode: TimeMode): TimeSettings {
  return typeof mode === "string" ? { zone: mode, hourCycle: 24 } : mode;
}

// Made on first use: building one loads number-formatting data, and the views that count load
// with every other view.
let counts: Intl.NumberFormat | undefined;

/** A count with thousands separators: `12,345`. */
export function formatCount(n: number): string {
  counts ??= new Intl.NumberFormat("en-US");
  return counts.format(n);
}

/** Whether the runtime knows an IANA zone name (an unknown one would make every format throw). */
export function isKnownTimeZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat("en-US", { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

/** The `timeZone` option for Intl and `toLocale…String` that shows a moment as the settings ask. */
export function intlTimeZone(mode: TimeMode): string | undefined {
  const { zone } = settingsOf(mode);
  return zone === "local" ? undefined : zone === "utc" ? "UTC" : zone;
}

// Building an Intl formatter costs far more than using one, and a log view formats hundreds of times.
const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(settings: TimeSettings): Intl.DateTimeFormat {
  const { zone, hourCycle } = settings;
  const key = `${zone}|${hourCycle}`;
  let f = formatters.get(key);
  if (!f) {
    f = new Intl.DateTimeFormat("en-US", {
      timeZone: intlTimeZone(settings),
      hourCycle: hourCycle === 12 ? "h12" : "h23",
      year: "numeric",
      month: "2-digit",
      day: "2-digit",
      hour: "2-digit",
      minute: "2-digit",
      second: "2-digit",
      fractionalSecondDigits: 3,
      timeZoneName: "longOffset",
    });
    formatters.set(key, f);
  }
  return f;
}

interface Parts {
  date: string;
  clock: string;
  ms: string;
  period: string;
  offset: string;
  zone: string;
}

function partsOf(iso: string | null | undefined, mode: TimeMode): Parts | null {
  if (!iso) return null;
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return null;
  const settings = settingsOf(mode);
  const p: Record<string, string> = {};
  for (const part of formatter(settings).formatToParts(d)) p[part.type] = part.value;
  // `GMT+05:30` → `+05:30`; a zero offset prints as bare `GMT`.
  const offset = p.timeZoneName === "GMT" ? "+00:00" : (p.timeZoneName ?? "").replace(/^GMT/, "");
  return {
    date: `${p.year}-${p.month}-${p.day}`,
    clock: `${p.hour}:${p.minute}:${p.second}`,
    ms: p.fractionalSecond ?? "000",
    period: settings.hourCycle === 12 ? ` ${p.dayPeriod}` : "",
    offset,
    zone: settings.zone === "utc" ? "UTC" : offset,
  };
}

/** `2026-11-26 14:03:09 UTC`, `2026-11-26 03:03:09 PM +01:00`: always with its zone. */
export function formatTime(iso: string | null | undefined, mode: TimeMode): string {
  const p = partsOf(iso, mode);
  return p ? `${p.date} ${p.clock}${p.period} ${p.zone}` : "—";
}

/** Time of day with milliseconds and zone, for log rows: `14:03:07.120 UTC`. */
export function formatClock(iso: string, mode: TimeMode): string {
  const p = partsOf(iso, mode);
  return p ? `${p.clock}.${p.ms}${p.period} ${p.zone}` : "—";
}

/** The full ISO 8601 form in the chosen zone, for a time's hover title: `2026-11-26T15:03:09.120+01:00`. */
export function formatIso(iso: string | null | undefined, mode: TimeMode): string {
  const settings = settingsOf(mode);
  const p = partsOf(iso, { ...settings, hourCycle: 24 });
  if (!p) return "";
  return `${p.date}T${p.clock}.${p.ms}${settings.zone === "utc" ? "Z" : p.offset}`;
}

/**
 * `12 s ago`, `just now`: for something that already happened (an agent's last query). The server's
 * clock may run ahead of the browser's, so a moment "in the future" is read as now.
 */
export function formatAgo(iso: string | null | undefined, now: number): string {
  if (!iso) return "never";
  const past = Math.max(0, now - Date.parse(iso));
  return past < 1000 ? "just now" : formatRelative(new Date(now - past).toISOString(), now);
}

/** `3 min ago`, `in 2 h`: for upcoming runs. */
export function formatRelative(iso: string | null | undefined, now: number): string {
  if (!iso) return "never";
  const diff = Date.parse(iso) - now;
  const abs = Math.abs(diff);
  const unit = abs < 60_000 ? [Math.round(abs / 1000), "s"] : abs < 3_600_000 ? [Math.round(abs / 60_000), "min"] : abs < 86_400_000 ? [Math.round(abs / 3_600_000), "h"] : [Math.round(abs / 86_400_000), "d"];
  return diff >= 0 ? `in ${unit[0]} ${unit[1]}` : `${unit[0]} ${unit[1]} ago`;
}

/**
 * `%text%` for `_ilike`. The user's own `%` and `_` stay wildcards: SQLite's LIKE has no default
 * escape character, so escaping them would stop matching on SQLite (a literal `_` still matches `_`).
 */
export function ilikePattern(text: string): string {
  return `%${text}%`;
}
