import { type KeyboardEvent, useRef, useState } from "react";
import { Link } from "react-router";
import { graphql } from "../../core/gql/gql.ts";
import type { RunHistory_RunFragment } from "../../core/gql/graphql.ts";
import { formatDuration, runDuration } from "../lib/format.ts";
import { stateColor } from "../lib/states.ts";

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

/**
 * Bars, newest right; height = duration (log scale, so one slow run does not flatten the rest). The
 * chart is one tab stop with a text summary; arrow keys (Home/End) move between its bars, Enter opens one.
 * Each bar is a full-height, 24 px wide target; older runs scroll off to the left.
 */
export function RunHistory({ runs, label }: { runs: readonly RunHistory_RunFragment[]; label: string }) {
  const now = Date.now();
  const durations = runs.map((r) => runDuration(r.start_time, r.end_time, now) ?? 0);
  const max = Math.max(1, ...durations.map((d) => Math.log1p(d)));
  // Index into `runs` (newest first) of the bar that takes the chart's one tab stop.
  const [active, setActive] = useState(0);
  const links = useRef<(HTMLAnchorElement | null)[]>([]);
  const current = Math.min(active, runs.length - 1);
  const move = (to: number) => {
    const next = Math.max(0, Math.min(runs.length - 1, to));
    setActive(next);
    links.current[next]?.focus();
  };
  const onKeyDown = (e: KeyboardEvent) => {
    const keys: Record<string, number> = { ArrowLeft: current + 1, ArrowRight: current - 1, ArrowDown: current + 1, ArrowUp: current - 1, Home: runs.length - 1, End: 0 };
    if (!(e.key in keys)) return;
    e.preventDefault();
    move(keys[e.key]);
  };
  return (
    <div role="group" aria-label={`${label}, ${historySummary(runs)}`} onKeyDown={onKeyDown}>
      <ul className="flex h-24 flex-row-reverse items-end justify-start gap-0.5 overflow-x-auto overflow-y-hidden">
        {runs.map((r, i) => (
          <li key={r.id} className="flex h-full w-6 shrink-0">
            <Link
              ref={(el) => {
                links.current[i] = el;
              }}
              to={`/flow-run/${r.id}`}
              tabIndex={i === current ? 0 : -1}
              onFocus={() => setActive(i)}
              title={`${r.name ?? r.id}: ${r.state ?? "?"} (${formatDuration(durations[i])})`}
              aria-label={`${r.name ?? "run"}: ${r.state ?? "no state"}, ${formatDuration(durations[i])}`}
              className="flex h-full w-full items-end rounded-sm hover:bg-muted"
            >
              <span aria-hidden className="block w-full rounded-sm" style={{ height: `${Math.max(8, (Math.log1p(durations[i]) / max) * 100)}%`, background: stateColor(r.state) }} />
            </Link>
          </li>
        ))}
      </ul>
    </div>
  );
}
