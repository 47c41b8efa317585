/**
 * Wall-clock time in an IANA time zone, for Prefect's `{dt, tz}` dates (a naive local time plus the
 * zone it is read in). Built on `Intl`, so it knows every zone's DST rules without a tz database here.
 */

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat("en-US", {
      timeZone,
      hourCycle: "h23",
      year: "numeric",
      month: "2-digit",
      day: "2-digit",
      hour: "2-digit",
      minute: "2-digit",
      second: "2-digit",
    });
    formatters.set(timeZone, f);
  }
  return f;
}

/** True when `Intl` knows the zone. */
export function isTimeZone(timeZone: string): boolean {
  try {
    formatter(timeZone);
    return true;
  } catch {
    return false;
  }
}

/** The wall-clock time at instant `ms` in `timeZone`, written as if it were UTC (ms since epoch). */
export function wallTime(ms: number, timeZone: string): number {
  const parts = Object.fromEntries(formatter(timeZone).formatToParts(new Date(ms)).map((p) => [p.type, p.value]));
  const wall = Date.UTC(Number(parts.year), Number(parts.month) - 1, Number(parts.day), Number(parts.hour), Number(parts.minute), Number(parts.second));
  return wall + (((ms % 1000) + 1000) % 1000);
}

/**
 * The instant when clocks in `timeZone` show `wall` (a wall time written as UTC). A time skipped by a
 * DST change lands after the change (02:30 on a spring-forward night is 03:30), as pendulum does.
 */
export function instantOf(wall: number, timeZone: string): number {
  const offsetAt = (ms: number) => wallTime(ms, timeZone) - ms;
  const near = offsetAt(wall);
  const offsets = [near, offsetAt(wall - near)];
  const fits = offsets.map((o) => wall - o).filter((ms) => wallTime(ms, timeZone) === wall);
  if (fits.length) return Math.min(...fits);
  // In a gap the clock reads the pre-change offset's time: the smaller offset there.
  return wall - Math.min(...offsets);
}
