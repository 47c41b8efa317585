import { useQuery } from "@tanstack/react-query";
import { useMemo } from "react";
import { Link } from "react-router";
import { graphql } from "../../../core/gql/gql.ts";
import { ErrorState } from "../../components/error-state.tsx";
import { flowGraphOptions } from "../../components/flow-graph.ts";
import { useNow } from "../../components/time.tsx";
import { SkeletonRows, Tile } from "../../components/ui/card.tsx";
import { formatDuration } from "../../lib/format.ts";
import { gqlQueryOptions } from "../../lib/gql-query.ts";
import { flowRunKeys } from "../../lib/keys.ts";
import { useLiveQuery } from "../../lib/live-query.ts";
import { CHILD_BUCKETS, type ChildBucket, describeCounts } from "../../lib/mapped-counts.ts";
import { stateColor } from "../../lib/states.ts";
import { taskLabels } from "../../lib/task-labels.ts";
import { axisTicks, clipSegments, legendStates, mappedSpan, type Segment, timelineOrigin, timelineSegments } from "../../lib/timeline.ts";
import { type MappedGroup, mappedGroups, mappedOptions } from "./mapped.ts";
import { Legend, QueueNote, TimeAxis } from "./timeline-parts.tsx";

/** The Gantt draws this many task runs (earliest first); the table pages through all of them. */
const TIMELINE_LIMIT = 200;

const count = new Intl.NumberFormat("en-US");

const TimelineQuery = graphql(`
  query FlowRun_timeline($id: uuid!, $limit: Int) {
    flow_run_by_pk(id: $id) {
      id
      flow_id
      start_time
      end_time
      scheduled_start_time
      task_runs(where: { map_index: { _eq: -1 } }, order_by: [{ start_time: asc_nulls_last }, { id: asc }], limit: $limit) {
        id
        task_id
        states(order_by: { timestamp: asc }) {
          state
          timestamp
        }
      }
      total: task_runs_aggregate(where: { map_index: { _eq: -1 } }) {
        aggregate {
          count
        }
      }
    }
  }
`);

interface Row {
  id: string;
  label: string;
  group: MappedGroup | undefined;
  segments: Segment[];
}

/**
 * Gantt from the state history: one row per task run (a mapped task is one row spanning its
 * children), one segment per state it held, on an axis that starts when the run started running.
 */
export function Timeline({ runId }: { runId: string }) {
  const q = useLiveQuery(gqlQueryOptions(flowRunKeys.timeline(runId), TimelineQuery, { id: runId, limit: TIMELINE_LIMIT }));
  const run = q.data?.flow_run_by_pk;
  const graph = useQuery({ ...flowGraphOptions(run?.flow_id ?? ""), enabled: Boolean(run?.flow_id) });
  const mapped = useLiveQuery(mappedOptions(runId));
  const labels = useMemo(() => taskLabels(graph.data?.flow_by_pk?.tasks ?? []), [graph.data]);
  const groups = useMemo(() => mappedGroups(mapped.data), [mapped.data]);
  const now = useNow(Boolean(run && !run.end_time), 1000);
  const failed = [q, graph, mapped].find((x) => x.isError && x.data === undefined);
  if (failed) return <ErrorState error={failed.error} onRetry={() => failed.refetch()} />;
  if (q.isPending || graph.isPending || mapped.isPending || !run) return <SkeletonRows />;

  // A finished run's unfinished task runs (never reached, or left behind) end with it, not now.
  const until = run.end_time ? Date.parse(run.end_time) : now;
  const rows: Row[] = run.task_runs.map((t) => {
    const group = groups.get(t.task_id);
    return { id: t.id, label: labels.get(t.task_id) ?? t.task_id, group, segments: group ? mappedSpan(group, until) : timelineSegments(t.states, until) };
  });
  const origin = timelineOrigin(run.start_time ? Date.parse(run.start_time) : null, rows.flatMap((r) => r.segments));
  const total = run.total.aggregate?.count ?? rows.length;
  const truncated =
    total > rows.length ? (
      <p className="text-sm text-muted-foreground">
        Showing {count.format(rows.length)} of {count.format(total)} task runs (earliest first); the task table on the Overview lists them all.
      </p>
    ) : null;
  if (origin === null) {
    return (
      <Tile title="Timeline">
        <QueueNote scheduled={run.scheduled_start_time} origin={null} now={now} />
        {truncated}
      </Tile>
    );
  }
  const clipped = rows.map((r) => ({ ...r, segments: clipSegments(r.segments, origin) }));
  const all = clipped.flatMap((r) => r.segments);
  const end = Math.max(origin + 1, until, ...all.map((s) => s.end));
  const span = end - origin;
  return (
    <Tile title={`Timeline (${formatDuration(span)})`}>
      <QueueNote scheduled={run.scheduled_start_time} origin={origin} now={now} />
      {truncated}
      <Legend states={legendFor(clipped)} />
      <div className="flex flex-col gap-1 text-xs">
        <div className="flex gap-2">
          <span className="w-40 shrink-0" />
          <div className="flex-1">
            <TimeAxis ticks={axisTicks(span)} span={span} />
          </div>
        </div>
        <ul aria-label="Task run timeline" className="flex flex-col gap-1">
          {clipped.map((r) => (
            <TimelineRow key={r.id} row={r} origin={origin} span={span} />
          ))}
        </ul>
      </div>
    </Tile>
  );
}

/** A drawn mapped row's children per bucket: the parts of its bar, and entries for the legend. */
function groupParts(row: Row): { state: ChildBucket; count: number }[] {
  if (!row.group || row.segments.length === 0) return [];
  const { counts } = row.group;
  return CHILD_BUCKETS.filter((b) => counts[b] > 0).map((b) => ({ state: b, count: counts[b] }));
}

/** Every colour on the chart: plain rows' states, then the buckets mapped rows are split by. */
function legendFor(rows: readonly Row[]): string[] {
  const plain = legendStates(rows.filter((r) => !r.group).flatMap((r) => r.segments));
  return [...new Set([...plain, ...rows.flatMap((r) => groupParts(r).map((p) => p.state))])];
}

function TimelineRow({ row, origin, span }: { row: Row; origin: number; span: number }) {
  return (
    <li className="flex items-start gap-2">
      <Link to={`/task-run/${row.id}`} className="block w-40 shrink-0 truncate py-1 leading-4 text-primary hover:underline">
        {row.label}
      </Link>
      <div className="flex flex-1 flex-col gap-0.5 py-1">
        <div className="relative h-4 rounded bg-muted">
          {row.segments.map((s, i) => {
            const place = { left: `${((s.start - origin) / span) * 100}%`, width: `max(2px, ${((s.end - s.start) / span) * 100}%)` };
            return row.group ? (
              // A mapped task's span, split by how its children stand.
              <span key={i} title={`${describeCounts(row.group.counts)}: ${formatDuration(s.end - s.start)}`} className="absolute top-0 flex h-full overflow-hidden rounded-sm" style={place}>
                {groupParts(row).map((p) => (
                  <span key={p.state} className="h-full" style={{ flexGrow: p.count, background: stateColor(p.state) }} />
                ))}
              </span>
            ) : (
              <span key={i} title={`${s.state}: ${formatDuration(s.end - s.start)}`} className="absolute top-0 h-full rounded-sm" style={{ ...place, background: stateColor(s.state) }} />
            );
          })}
        </div>
        {row.group ? (
          <p className="text-muted-foreground">
            Mapped ×{count.format(row.group.counts.total)}: {describeCounts(row.group.counts)}
          </p>
        ) : null}
      </div>
    </li>
  );
}
