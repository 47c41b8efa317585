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

/** Bars, oldest left; height = duration (log scale, so one slow run does not flatten the rest). */
export function RunHistory({ runs, label }: { runs: readonly RunHistory_RunFragment[]; label: string }) {
  const ordered = [...runs].reverse();
  const now = Date.now();
  const durations = ordered.map((r) => runDuration(r.start_time, r.end_time, now) ?? 0);
  const max = Math.max(1, ...durations.map((d) => Math.log1p(d)));
  return (
    <ul aria-label={label} className="flex h-24 items-end gap-0.5 overflow-hidden">
      {ordered.map((r, i) => (
        <li key={r.id} className="flex h-full min-w-1.5 flex-1 items-end" style={{ maxWidth: 14 }}>
          <Link
            to={`/flow-run/${r.id}`}
            title={`${r.name ?? r.id}: ${r.state ?? "?"} (${formatDuration(durations[i])})`}
            aria-label={`${r.name ?? "run"} ${r.state ?? ""}`}
            className="block w-full rounded-sm"
            style={{ height: `${Math.max(8, (Math.log1p(durations[i]) / max) * 100)}%`, background: stateColor(r.state) }}
          />
        </li>
      ))}
    </ul>
  );
}
