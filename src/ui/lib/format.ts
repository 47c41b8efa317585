export type TimeMode = "local" | "utc";

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

const pad = (n: number, w = 2) => String(n).padStart(w, "0");

/** `2026-11-26 14:03:09` in local time or UTC (with a `Z` suffix so the mode is visible). */
export function formatTime(iso: string | null | undefined, mode: TimeMode): string {
  if (!iso) return "—";
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return "—";
  if (mode === "utc") {
    return `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())} ${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}Z`;
  }
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())} ${pad(d.getHours())}:${pad(d.getMinutes())}:${pad(d.getSeconds())}`;
}

/** Time of day with milliseconds, for log rows. */
export function formatClock(iso: string, mode: TimeMode): string {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return "—";
  return mode === "utc"
    ? `${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}.${pad(d.getUTCMilliseconds(), 3)}`
    : `${pad(d.getHours())}:${pad(d.getMinutes())}:${pad(d.getSeconds())}.${pad(d.getMilliseconds(), 3)}`;
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
