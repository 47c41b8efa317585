import { Link } from "react-router";
import { graphql } from "../../core/gql/gql.ts";
import type { RunHistory_RunFragment } from "../../core/gql/graphql.ts";
import { formatDuration, formatTime, runDuration } from "../lib/format.ts";
import { timePreference } from "../lib/preferences.ts";
import { stateColor } from "../lib/states.ts";
import { BarTooltip, GridLines, Legend, useBarFocus, useTooltipId, YAxis } from "./chart-parts.tsx";

/** What a history bar needs of a run; the dashboard and the flow page spread it into their queries. */
export const RunHistoryRun = graphql(`
  fragment RunHistory_run on flow_run {
    id
    name
    state
    start_time
    end_time
    scheduled_start_time
  }
`);

/** `36 runs: 30 Success, 6 Failed`: the chart's text alternative. */
export function historySummary(runs: readonly { state?: string | null }[]): string {
  const counts = new Map<string, number>();
  for (const r of runs) counts.set(r.state ?? "no state", (counts.get(r.state ?? "no state") ?? 0) + 1);
  const parts = [...counts].sort((a, b) => b[1] - a[1]).map(([state, n]) => `${n} ${state}`);
  return `${runs.length} ${runs.length === 1 ? "run" : "runs"}: ${parts.join(", ")}`;
}

const BAR_PX = 24;
const GAP_PX = 2;
/** Where the bar `i` (newest first) sits, counted from the plot's right edge. */
const fromRight = (i: number) => i * (BAR_PX + GAP_PX);

/** Round durations for the y axis, each drawn where the log scale puts it. */
const DURATION_TICKS = [10, 100, 1_000, 10_000, 60_000, 600_000, 3_600_000, 36_000_000];

/** Log scale, so one slow run does not flatten the rest; a bar is never shorter than 8 %. */
export function barHeight(ms: number, maxLog: number): number {
  return Math.max(0.08, Math.log1p(ms) / maxLog);
}

/**
 * Bars, newest right; height = duration on a log scale, colour = state, with a duration axis, start
 * times under the bars, a legend of the states shown and a tooltip on hover and focus. The chart is
 * one tab stop with a text summary; arrow keys (Home/End) move between its bars, Enter opens one.
 * Each bar is a full-height, 24 px wide target; older runs scroll off to the left.
 */
export function RunHistory({ runs, label }: { runs: readonly RunHistory_RunFragment[]; label: string }) {
  const now = Date.now();
  const mode = timePreference.use();
  const durations = runs.map((r) => runDuration(r.start_time, r.end_time, now) ?? 0);
  const maxLog = Math.max(1, ...durations.map((d) => Math.log1p(d)));
  const { active, onKeyDown, barProps } = useBarFocus(runs.length, { newestFirst: true });
  const tipId = useTooltipId();
  const yTicks = [{ at: 0, label: "0" }, ...DURATION_TICKS.filter((d) => Math.log1p(d) <= maxLog).map((d) => ({ at: Math.log1p(d) / maxLog, label: formatDuration(d).replace(".0s", "s") }))];
  const started = (r: RunHistory_RunFragment) => r.start_time ?? r.scheduled_start_time;
  const states = [...new Set(runs.map((r) => r.state ?? "no state"))];
  const activeRun = active === null ? null : runs[active];
  return (
    <div role="group" aria-label={`${label}, ${historySummary(runs)}`} onKeyDown={onKeyDown} className="flex flex-col gap-1">
      <div className="relative mt-5 flex h-28">
        <YAxis ticks={yTicks} title="Duration" />
        <div className="relative min-w-0 flex-1 border-b border-l">
          <GridLines ticks={yTicks} />
          <ul className="relative flex h-full flex-row-reverse items-end justify-start gap-0.5 overflow-x-auto overflow-y-hidden">
            {runs.map((r, i) => (
              <li key={r.id} className="flex h-full w-6 shrink-0">
                <Link
                  {...barProps(i)}
                  to={`/flow-run/${r.id}`}
                  aria-label={`${r.name ?? "run"}: ${r.state ?? "no state"}, ${formatDuration(durations[i])}`}
                  aria-describedby={active === i ? tipId : undefined}
                  className="flex h-full w-full items-end rounded-sm hover:bg-muted"
                >
                  <span aria-hidden className="block w-full rounded-sm" style={{ height: `${barHeight(durations[i], maxLog) * 100}%`, background: stateColor(r.state) }} />
                </Link>
              </li>
            ))}
          </ul>
          {activeRun && active !== null ? (
            <BarTooltip id={tipId} style={{ right: `min(${fromRight(active)}px, calc(100% - 16rem))`, transform: "translateY(-100%)" }}>
              <span className="font-medium">{activeRun.name ?? activeRun.id}</span>: {activeRun.state ?? "no state"}, {formatDuration(durations[active])}
              <br />
              started {formatTime(started(activeRun), mode)}
            </BarTooltip>
          ) : null}
        </div>
      </div>
      <div aria-hidden className="relative ml-12 h-4 overflow-hidden text-[11px] text-muted-foreground tabular-nums">
        {runs.map((r, i) =>
          i % 8 === 0 && started(r) ? (
            <span key={r.id} className="absolute top-0 whitespace-nowrap" style={{ right: fromRight(i) }}>
              {formatTime(started(r), mode).slice(11, 16)}
            </span>
          ) : null,
        )}
      </div>
      <Legend items={states.map((s) => ({ state: s, label: s }))} />
    </div>
  );
}
