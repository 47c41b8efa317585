import { Time } from "../../components/time.tsx";
import { formatDuration } from "../../lib/format.ts";
import { stateColor } from "../../lib/states.ts";

const tickLabel = (ms: number) => (ms === 0 ? "0" : formatDuration(ms));

/** Offsets from the origin along the top of the chart, as round steps. */
export function TimeAxis({ ticks, span }: { ticks: readonly number[]; span: number }) {
  return (
    <ol aria-label="Time axis" className="relative h-5 border-b text-[11px] text-muted-foreground tabular-nums">
      {ticks.map((t) => (
        <li key={t} className="absolute bottom-0 border-l pl-1 leading-5 whitespace-nowrap" style={{ left: `${(t / span) * 100}%` }}>
          {tickLabel(t)}
        </li>
      ))}
    </ol>
  );
}

export function Legend({ states }: { states: readonly string[] }) {
  return (
    <ul aria-label="Timeline legend" className="flex flex-wrap gap-x-4 gap-y-1 text-xs">
      {states.map((s) => (
        <li key={s} className="flex items-center gap-1.5">
          <span aria-hidden className="inline-block h-3 w-4 rounded-sm" style={{ background: stateColor(s) }} />
          {s}
        </li>
      ))}
    </ul>
  );
}

/** The time before anything ran, told in words: the axis leaves it out so the work gets the width. */
export function QueueNote({ scheduled, origin, now }: { scheduled: string | null | undefined; origin: number | null; now: number }) {
  const since = scheduled ? Date.parse(scheduled) : Number.NaN;
  if (Number.isNaN(since)) return null;
  if (origin === null) {
    return (
      <p className="text-sm text-muted-foreground">
        {since > now ? (
          <>
            Nothing has run yet; scheduled for <Time iso={scheduled} />.
          </>
        ) : (
          <>Nothing has run yet; queued for {formatDuration(now - since)}.</>
        )}
      </p>
    );
  }
  return (
    <p className="text-sm text-muted-foreground">
      Queued for {formatDuration(Math.max(0, origin - since))} before running; the time axis starts when the run started, at{" "}
      <Time iso={new Date(origin).toISOString()} />.
    </p>
  );
}
