import { graphql } from "../../../core/gql/gql.ts";
import type { Flow_RecentRunsQuery } from "../../../core/gql/graphql.ts";
import { isFailed, isStateName, isSuccessful } from "../../../core/states.ts";
import { type Column, DataTable, RunLink } from "../../components/data-table.tsx";
import { RunHistory } from "../../components/run-history.tsx";
import { StateBadge } from "../../components/state-badge.tsx";
import { Duration, Time } from "../../components/time.tsx";
import { Empty, SkeletonRows, Tile } from "../../components/ui/card.tsx";
import { formatDuration } from "../../lib/format.ts";
import { gqlQueryOptions } from "../../lib/gql-query.ts";
import { flowRunKeys } from "../../lib/keys.ts";
import { useLiveQuery } from "../../lib/live-query.ts";

const LAST_RUN_COLUMNS: Column<Flow_RecentRunsQuery["flow_run"][number]>[] = [
  { header: "Run", cell: (r) => <RunLink id={r.id} name={r.name} /> },
  { header: "State", cell: (r) => <StateBadge state={r.state} /> },
  { header: "Started", cell: (r) => <Time iso={r.start_time} /> },
  { header: "Duration", cell: (r) => <Duration start={r.start_time} end={r.end_time} /> },
];

const Recent = graphql(`
  query Flow_recentRuns($groupId: uuid!) {
    flow_run(where: { flow: { flow_group_id: { _eq: $groupId } }, state: { _neq: "Scheduled" } }, order_by: { scheduled_start_time: desc }, limit: 50) {
      ...RunHistory_run
    }
  }
`);

/** Run history, the last runs and stats over them (success rate, mean duration of finished runs). */
export function FlowOverview({ groupId }: { groupId: string }) {
  const q = useLiveQuery(gqlQueryOptions(flowRunKeys.list({ groupId, recent: true }), Recent, { groupId }));
  if (q.isPending) return <SkeletonRows rows={4} />;
  const runs = q.data?.flow_run ?? [];
  if (runs.length === 0) return <Empty>No runs yet. Press Quick Run to start one.</Empty>;
  const finished = runs.filter((r) => r.end_time && r.start_time);
  const ok = runs.filter((r) => isStateName(r.state) && isSuccessful(r.state)).length;
  const failed = runs.filter((r) => isStateName(r.state) && isFailed(r.state)).length;
  const mean = finished.length ? finished.reduce((a, r) => a + (Date.parse(r.end_time!) - Date.parse(r.start_time!)), 0) / finished.length : null;
  return (
    <div className="grid gap-4 lg:grid-cols-3">
      <Tile title="Run history" className="lg:col-span-2">
        <RunHistory runs={runs} label="Run history" />
      </Tile>
      <Tile title="Stats">
        <dl className="grid grid-cols-2 gap-2 text-sm">
          <dt className="text-muted-foreground">Runs shown</dt>
          <dd>{runs.length}</dd>
          <dt className="text-muted-foreground">Succeeded</dt>
          <dd>{ok}</dd>
          <dt className="text-muted-foreground">Failed</dt>
          <dd>{failed}</dd>
          <dt className="text-muted-foreground">Mean duration</dt>
          <dd>{mean === null ? "—" : formatDuration(mean)}</dd>
        </dl>
      </Tile>
      <Tile title="Last runs" className="lg:col-span-3">
        <DataTable columns={LAST_RUN_COLUMNS} rows={runs.slice(0, 10)} rowKey={(r) => r.id} />
      </Tile>
    </div>
  );
}
