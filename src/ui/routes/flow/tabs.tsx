import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { graphql } from "../../../core/gql/gql.ts";
import type { Flow_Run_Bool_Exp, Flow_RunsQuery, Flow_TasksQuery } from "../../../core/gql/graphql.ts";
import { BulkRunActions, useRunSelection } from "../../components/bulk-run-actions.tsx";
import { type Column, DataTable, Pager, pageCount, RunLink } from "../../components/data-table.tsx";
import { flowGraphOptions, useFlowGraph } from "../../components/flow-graph.ts";
import { Schematic, SchematicSizeGate } from "../../components/schematic.tsx";
import { StateBadge } from "../../components/state-badge.tsx";
import { Duration, Time } from "../../components/time.tsx";
import { Button } from "../../components/ui/button.tsx";
import { Empty, SkeletonRows, Tile } from "../../components/ui/card.tsx";
import { Input } from "../../components/ui/field.tsx";
import { ilikePattern } from "../../lib/format.ts";
import { gqlQueryOptions } from "../../lib/gql-query.ts";
import { flowKeys, flowRunKeys } from "../../lib/keys.ts";
import { useLiveQuery } from "../../lib/live-query.ts";
import { useSearchState } from "../../lib/search-state.ts";
import { flowSearch } from "./search.ts";

const RUNS_PAGE = 25;

const TASK_COLUMNS: Column<Flow_TasksQuery["task"][number]>[] = [
  { header: "Name", cell: (t) => t.name },
  { header: "Slug", cell: (t) => t.slug, className: "text-muted-foreground" },
  { header: "Retries", cell: (t) => t.max_retries ?? 0 },
  { header: "Trigger", cell: (t) => t.trigger?.split(".").at(-1) ?? "", className: "text-muted-foreground" },
];

const RUN_COLUMNS: Column<Flow_RunsQuery["flow_run"][number]>[] = [
  { header: "Run", cell: (r) => <RunLink id={r.id} name={r.name} /> },
  { header: "Version", cell: (r) => r.flow?.version },
  { header: "State", cell: (r) => <StateBadge state={r.state} /> },
  { header: "Scheduled", cell: (r) => <Time iso={r.scheduled_start_time} /> },
  { header: "Duration", cell: (r) => <Duration start={r.start_time} end={r.end_time} /> },
];

const Tasks = graphql(`
  query Flow_tasks($flowId: uuid!, $name: String) {
    task(where: { flow_id: { _eq: $flowId }, name: { _ilike: $name } }, order_by: { name: asc }, limit: 500) {
      id
      name
      slug
      type
      max_retries
      retry_delay
      trigger
    }
  }
`);

const Runs = graphql(`
  query Flow_runs($groupId: uuid!, $limit: Int!, $offset: Int!) {
    flow_run(where: { flow: { flow_group_id: { _eq: $groupId } } }, order_by: { scheduled_start_time: desc }, limit: $limit, offset: $offset) {
      id
      name
      state
      start_time
      end_time
      scheduled_start_time
      flow {
        version
      }
    }
  }
`);

const RunCount = graphql(`
  query Flow_runCount($groupId: uuid!) {
    flow_run_aggregate(where: { flow: { flow_group_id: { _eq: $groupId } } }) {
      aggregate {
        count
      }
    }
  }
`);

export function TasksTab({ flowId }: { flowId: string }) {
  const [search, setSearch] = useSearchState(flowSearch);
  const q = useQuery({ ...gqlQueryOptions(flowKeys.tasks(flowId, search.task, 1), Tasks, { flowId, name: search.task ? ilikePattern(search.task) : null }), placeholderData: keepPreviousData });
  return (
    <Tile title="Tasks">
      <Input aria-label="Search tasks" placeholder="Task name" className="w-56" value={search.task} onChange={(e) => setSearch({ task: e.target.value }, { replace: true })} />
      {q.isPending ? (
        <SkeletonRows />
      ) : (
        <DataTable columns={TASK_COLUMNS} rows={q.data?.task ?? []} rowKey={(t) => t.id} />
      )}
    </Tile>
  );
}

export function FlowRunsTab({ groupId }: { groupId: string }) {
  const [search, setSearch] = useSearchState(flowSearch);
  const offset = (search.page - 1) * RUNS_PAGE;
  const q = useLiveQuery({ ...gqlQueryOptions(flowRunKeys.list({ groupId, page: search.page }), Runs, { groupId, limit: RUNS_PAGE, offset }), placeholderData: keepPreviousData });
  const count = useQuery({ ...gqlQueryOptions(flowRunKeys.list({ groupId, count: true }), RunCount, { groupId }), refetchInterval: 10_000 });
  const total = count.data?.flow_run_aggregate.aggregate?.count ?? 0;
  const pages = pageCount(total, RUNS_PAGE);
  const runs = q.data?.flow_run ?? [];
  // The same runs the list shows, for "select all matching" (every version of the flow).
  const where: Flow_Run_Bool_Exp = { flow: { flow_group_id: { _eq: groupId } } };
  const { selection, select, wholePage, table } = useRunSelection(groupId, runs, (r) => r.name ?? r.id);
  if (q.isPending) return <SkeletonRows />;
  return (
    <Tile title={`Runs (${total})`}>
      <BulkRunActions selection={selection} onSelectionChange={select} wholePage={wholePage} total={total} where={where} />
      {runs.length === 0 ? <Empty>No runs yet.</Empty> : <DataTable label="Runs" columns={RUN_COLUMNS} rows={runs} rowKey={(r) => r.id} selection={table} />}
      <Pager label="Run pages" page={search.page} pages={pages} onPage={(page) => setSearch({ page })} />
    </Tile>
  );
}

export function VersionsTab({ flows, current, onPick }: { flows: readonly { id: string; version?: number | null; archived: boolean; created: string }[]; current: number; onPick: (version: number) => void }) {
  return (
    <Tile title="Versions">
      <ul className="flex flex-col gap-1 text-sm">
        {flows.map((f) => (
          <li key={f.id} className="flex items-center gap-3">
            <Button size="sm" variant={f.version === current ? "primary" : "outline"} onClick={() => f.version && onPick(f.version)} aria-label={`Version ${f.version}`}>
              v{f.version}
            </Button>
            <Time iso={f.created} />
            {f.archived ? <span className="text-xs text-muted-foreground">archived</span> : <span className="text-xs">current</span>}
          </li>
        ))}
      </ul>
    </Tile>
  );
}

export function FlowSchematicTab({ flowId }: { flowId: string }) {
  const q = useQuery(flowGraphOptions(flowId));
  const { nodes, edges } = useFlowGraph(q.data?.flow_by_pk);
  if (q.isPending) return <SkeletonRows />;
  return (
    <SchematicSizeGate tasks={nodes.length} subject="flow">
      <Schematic nodes={nodes} edges={edges} />
    </SchematicSizeGate>
  );
}
