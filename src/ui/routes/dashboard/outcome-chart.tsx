import { useQuery } from "@tanstack/react-query";
import { BarTooltip, GridLines, Legend, tooltipAt, useBarFocus, useTooltipId, XAxis, YAxis } from "../../components/chart-parts.tsx";
import { SkeletonRows } from "../../components/ui/card.tsx";
import { timePreference } from "../../lib/preferences.ts";
import { type Bucket, countTicks, OUTCOME_COLOR_STATE, OUTCOMES, type RunWindow, tickLabel, windowLabel } from "../../lib/run-window.ts";
import { stateColor } from "../../lib/states.ts";
import { outcomeChartOptions, type OutcomeCounts as Counts } from "./counts.ts";

const NONE = Object.fromEntries(OUTCOMES.map((o) => [o, 0])) as Counts;

const total = (c: Counts) => OUTCOMES.reduce((sum, o) => sum + c[o], 0);

/** `3 runs: 2 Succeeded, 1 Failed` (outcomes with no run left out). */
function describe(c: Counts): string {
  const n = total(c);
  const parts = OUTCOMES.filter((o) => c[o] > 0).map((o) => `${c[o]} ${o}`);
  return `${n} ${n === 1 ? "run" : "runs"}${parts.length ? `: ${parts.join(", ")}` : ""}`;
}

/**
 * Runs per time bucket over the window, stacked by outcome, with a count axis, a time axis, a legend
 * and a tooltip on hover and keyboard focus. One tab stop; arrow keys walk the buckets.
 */
export function OutcomeChart({ projectId, window, buckets }: { projectId: string | null; window: RunWindow; buckets: readonly Bucket[] }) {
  const mode = timePreference.use();
  const q = useQuery(outcomeChartOptions(projectId, buckets));
  const { active, onKeyDown, barProps } = useBarFocus(buckets.length);
  const tipId = useTooltipId();
  // A bucket just begun (or a new window) may still be loading: it counts as empty meanwhile (the
  // last answer stands in), so the chart does not blink back to a skeleton every time a bucket begins.
  if (q.data === undefined) return <SkeletonRows rows={5} />;
  const counts: Counts[] = buckets.map((b) => q.data[b.from] ?? NONE);
  const max = Math.max(0, ...counts.map(total));
  const ticks = countTicks(max);
  const top = ticks[ticks.length - 1];
  const yTicks = ticks.map((t) => ({ at: t / top, label: String(t) }));
  const span = (b: Bucket) => `${tickLabel(b.start, window, mode)}–${tickLabel(b.end, window, mode)}`;
  const every = Math.ceil(buckets.length / 6);
  const xTicks = buckets.flatMap((b, i) => (i % every === 0 ? [{ at: i / buckets.length, label: tickLabel(b.start, window, mode) }] : [])).concat({ at: 1, label: "now" });
  const all = counts.reduce((sum, c) => sum + total(c), 0);
  const bucketMinutes = Math.round((buckets[0].end - buckets[0].start) / 60_000);
  const per = bucketMinutes >= 60 ? `${bucketMinutes / 60} h` : `${bucketMinutes} min`;
  return (
    <div role="group" aria-label={`Runs per ${per} in the ${windowLabel(window)}, ${all} in all`} onKeyDown={onKeyDown} className="flex flex-col gap-1">
      <div className="mt-5 flex items-start">
        <YAxis ticks={yTicks} title="Runs" className="h-44" />
        {/* Bars keep a 24 px target; a narrow screen scrolls the plot and its time axis together. */}
        <div className="min-w-0 flex-1 overflow-x-auto">
          <div className="relative h-44 border-b border-l" style={{ minWidth: buckets.length * 25 }}>
            <GridLines ticks={yTicks} />
            <ul className="relative flex h-full items-end gap-px">
              {buckets.map((b, i) => (
                <li key={b.from} className="flex h-full min-w-6 flex-1">
                  <button
                    type="button"
                    {...barProps(i)}
                    aria-label={`${span(b)}: ${describe(counts[i])}`}
                    aria-describedby={active === i ? tipId : undefined}
                    className="flex h-full w-full flex-col-reverse rounded-sm hover:bg-muted focus-visible:bg-muted"
                  >
                    {OUTCOMES.map((o) =>
                      counts[i][o] > 0 ? <span key={o} aria-hidden className="block w-full" style={{ height: `${(counts[i][o] / top) * 100}%`, background: stateColor(OUTCOME_COLOR_STATE[o]) }} /> : null,
                    )}
                  </button>
                </li>
              ))}
            </ul>
            {active !== null ? (
              <BarTooltip id={tipId} style={{ ...tooltipAt((active + 0.5) / buckets.length), top: 0 }}>
                <span className="font-medium">{span(buckets[active])}</span>
                <br />
                {describe(counts[active])}
              </BarTooltip>
            ) : null}
          </div>
          <XAxis ticks={xTicks} minWidth={buckets.length * 25} />
        </div>
      </div>
      <Legend items={OUTCOMES.map((o) => ({ state: OUTCOME_COLOR_STATE[o], label: o === "Other" ? "Other (scheduled, running…)" : o }))} />
    </div>
  );
}
