import { useEffect, useState } from "react";
import { formatClock, formatDuration, formatIso, formatTime, runDuration } from "../lib/format.ts";
import { timePreference } from "../lib/preferences.ts";

/** A moment in the chosen zone and clock, zone always printed; hovering shows the full ISO form. */
export function Time({ iso }: { iso: string | null | undefined }) {
  const settings = timePreference.use();
  return iso ? (
    <time dateTime={iso} title={formatIso(iso, settings)}>
      {formatTime(iso, settings)}
    </time>
  ) : (
    <span>—</span>
  );
}

/** A log line's time of day (`14:03:07.120 UTC`) in the chosen zone and clock; hovering shows the full ISO form. */
export function ClockTime({ iso, className }: { iso: string; className?: string }) {
  const settings = timePreference.use();
  return (
    <time dateTime={iso} title={formatIso(iso, settings)} className={className}>
      {formatClock(iso, settings)}
    </time>
  );
}

/** The current time, re-rendered every `ms` while `active` (a running run's duration ticks). */
export function useNow(active: boolean, ms = 1000): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    if (!active) return;
    setNow(Date.now());
    const t = setInterval(() => setNow(Date.now()), ms);
    return () => clearInterval(t);
  }, [active, ms]);
  return now;
}

export function Duration({ start, end }: { start: string | null | undefined; end: string | null | undefined }) {
  const now = useNow(Boolean(start) && !end);
  const ms = runDuration(start, end, now);
  return <span className="tabular-nums">{ms === null ? "—" : formatDuration(ms)}</span>;
}
