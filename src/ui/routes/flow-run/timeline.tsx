import { Link } from "react-router";
import { graphql } from "../../../core/gql/gql.ts";
import { useNow } from "../../components/time.tsx";
import { SkeletonRows, Tile } from "../../components/ui/card.tsx";
import { formatDuration } from "../../lib/format.ts";
import { gqlQueryOptions } from "../../lib/gql-query.ts";
import { flowRunKeys } from "../../lib/keys.ts";
import { useLiveQuery } from "../../lib/live-query.ts";
import { stateColor } from "../../lib/states.ts";
import { timelineSegments } from "../../lib/timeline.ts";

/** The Gantt draws this many task runs (earliest first); the table pages through all of them. */
const TIMELINE_LIMIT = 200;

const TimelineQuery = graphql(`
  query FlowRun_timeline($id: uuid!, $limit: Int) {
    flow_run_by_pk(id: $id) {
      id
      start_time
      end_time
      task_runs(where: { map_index: { _eq: -1 } }, order_by: [{ start_time: asc_nulls_last }, { id: asc }], limit: $limit) {
        id
        state
        task {
          name
        }
        states(order_by: { timestamp: asc }) {
          state
          timestamp
        }
      }
    }
  }
`);

/** Gantt from the state history: one row per task run, one segment per state it held. */
export function Timeline({ runId }: { runId: string }) {
  const q = useLiveQuery(gqlQueryOptions(flowRunKeys.timeline(runId), TimelineQuery, { id: runId, limit: TIMELINE_LIMIT }));
  const run = q.data?.flow_run_by_pk;
  const now = useNow(Boolean(run && !run.end_time), 1000);
  if (q.isPending || !run) return <SkeletonRows />;
  const rows = run.task_runs.map((t) => ({ id: t.id, name: t.task?.name ?? t.id, segments: timelineSegments(t.states, now) }));
  const all = rows.flatMap((r) => r.segments);
  if (all.length === 0) return <p className="text-sm text-muted-foreground">No state history yet.</p>;
  const start = Math.min(...all.map((s) => s.start));
  const end = Math.max(...all.map((s) => s.end), start + 1);
  const span = end - start;
  return (
    <Tile title={`Timeline (${formatDuration(span)})`}>
      <ul aria-label="Task run timeline" className="flex flex-col gap-1 text-xs">
        {rows.map((r) => (
          <li key={r.id} className="flex items-center gap-2">
            <Link to={`/task-run/${r.id}`} className="block w-40 shrink-0 truncate py-1 leading-4 text-primary hover:underline">
              {r.name}
            </Link>
            <div className="relative h-4 flex-1 rounded bg-muted">
              {r.segments.map((s, i) => (
                <span
                  key={i}
                  title={`${s.state}: ${formatDuration(s.end - s.start)}`}
                  className="absolute top-0 h-full rounded-sm"
                  style={{ left: `${((s.start - start) / span) * 100}%`, width: `max(2px, ${((s.end - s.start) / span) * 100}%)`, background: stateColor(s.state) }}
                />
              ))}
            </div>
          </li>
        ))}
      </ul>
    </Tile>
  );
}
