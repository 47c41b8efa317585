/**
 * Timestamps as Tern stores and sends them: ISO-8601 in UTC with microseconds, always the same width
 * (`2026-01-02T03:04:05.123456Z`). Microseconds because clients send them (the Prefect 1 client's
 * timestamps are pendulum's) and lines written within one millisecond must keep their order; fixed
 * width because SQLite compares timestamps as text. A JS Date keeps milliseconds only, so parsing
 * and formatting go through epoch microseconds in a number (exact up to the year 2255).
 */

const ISO_RE = /^(\d{4})-(\d\d)-(\d\d)[T ](\d\d):(\d\d)(?::(\d\d)(?:[.,](\d+))?)?\s*([zZ]|[+-]\d\d(?::?\d\d(?::?\d\d)?)?)?$/;
const CANONICAL_RE = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{6}Z$/;

const DAYS_IN_MONTH = [31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

function invalid(value: unknown): RangeError {
  return new RangeError(`Invalid timestamp: ${String(JSON.stringify(value)).slice(0, 80)}`);
}

/** Seconds east of UTC for `+05:30`, `-08`, `+0530`, `Z`. */
function offsetSeconds(offset: string): number {
  if (offset === "Z" || offset === "z") return 0;
  const digits = offset.slice(1).replaceAll(":", "");
  const seconds = Number(digits.slice(0, 2)) * 3600 + Number(digits.slice(2, 4) || 0) * 60 + Number(digits.slice(4, 6) || 0);
  return offset[0] === "-" ? -seconds : seconds;
}

/**
 * Epoch microseconds of an ISO-8601 text (any number of fraction digits, any offset; none means local
 * time, as in JS), a Date or epoch milliseconds. Other texts are left to `Date`. Throws a RangeError.
 *
 * @example timestampMicros("2026-01-02T03:04:05.123456+00:00") // 1767323045123456
 */
export function timestampMicros(value: string | number | Date): number {
  if (value instanceof Date || typeof value === "number") {
    const ms = value instanceof Date ? value.getTime() : value;
    if (!Number.isFinite(ms)) throw invalid(value);
    return Math.round(ms * 1000);
  }
  const m = ISO_RE.exec(value.trim());
  if (!m) {
    const ms = new Date(value).getTime();
    if (Number.isNaN(ms)) throw invalid(value);
    return ms * 1000;
  }
  const [year, month, day, hour, minute, second] = m.slice(1, 7).map((part) => Number(part ?? 0));
  const leap = year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0);
  const days = month === 2 && !leap ? 28 : DAYS_IN_MONTH[month - 1];
  if (month < 1 || month > 12 || day < 1 || day > days || hour > 23 || minute > 59 || second > 59) throw invalid(value);
  const micros = Number((m[7] ?? "").slice(0, 6).padEnd(6, "0"));
  const wholeMs =
    m[8] === undefined
      ? new Date(year, month - 1, day, hour, minute, second).getTime()
      : Date.UTC(year, month - 1, day, hour, minute, second) - offsetSeconds(m[8]) * 1000;
  return wholeMs * 1000 + micros;
}

/** The canonical text of epoch microseconds. */
export function formatMicros(micros: number): string {
  const ms = Math.floor(micros / 1000);
  const iso = new Date(ms).toISOString();
  return `${iso.slice(0, 23)}${String(micros - ms * 1000).padStart(3, "0")}Z`;
}

/**
 * Any timestamp `timestampMicros` takes, as canonical text. Throws a RangeError.
 *
 * @example toTimestamp("2026-01-02T04:04:05.1234567+01:00") // "2026-01-02T03:04:05.123456Z"
 */
export function toTimestamp(value: string | number | Date): string {
  if (typeof value === "string" && CANONICAL_RE.test(value)) return value;
  return formatMicros(timestampMicros(value));
}
