import { keepPreviousData } from "@tanstack/react-query";
import { useId } from "react";
import { graphql } from "../../../core/gql/gql.ts";
import type { Dashboard_RunsQuery, Flow_Run_Bool_Exp } from "../../../core/gql/graphql.ts";
import { STATE_NAMES } from "../../../core/states.ts";
import { BulkRunActions, useRunSelection } from "../../components/bulk-run-actions.tsx";
import { type Column, DataTable, Pager, pageCount, RunLink } from "../../components/data-table.tsx";
import { StateBadge } from "../../components/state-badge.tsx";
import { Duration, Time } from "../../components/time.tsx";
import { Empty, SkeletonRows, Tile } from "../../components/ui/card.tsx";
import { Select } from "../../components/ui/field.tsx";
import { gqlQueryOptions } from "../../lib/gql-query.ts";
import { flowRunKeys } from "../../lib/keys.ts";
import { useLiveQuery } from "../../lib/live-query.ts";
import { countOptions } from "./counts.ts";

const Runs = graphql(`
  query Dashboard_runs($where: flow_run_bool_exp!, $limit: Int!, $offset: Int!) {
    flow_run(where: $where, order_by: [{ scheduled_start_time: desc }, { id: desc }], limit: $limit, offset: $offset) {
      id
      name
      state
      scheduled_start_time
      start_time
      end_time
      flow {
        id
        name
      }
    }
  }
`);

export const RUNS_PAGE = 20;

type Run = Dashboard_RunsQuery["flow_run"][number];

const runName = (r: Run) => `${r.flow?.name ?? ""} · ${r.name ?? r.id}`;

const COLUMNS: Column<Run>[] = [
  { header: "Run", cell: (r) => <RunLink id={r.id} name={runName(r)} />, className: "max-w-80 truncate" },
  { header: "State", cell: (r) => <StateBadge state={r.state} /> },
  { header: "Scheduled", cell: (r) => <Time iso={r.scheduled_start_time} />, className: "whitespace-nowrap tabular-nums" },
  { header: "Duration", cell: (r) => <Duration start={r.start_time} end={r.end_time} /> },
];

interface Props {
  /** The runs the dashboard's project and window select; `state` narrows them further. */
  where: Flow_Run_Bool_Exp;
  state: string | null;
  page: number;
  onFilter: (patch: { runState?: string | null; runsPage?: number | null }) => void;
}

/** The runs of the dashboard's scope as a paged table, filterable by state, with bulk actions on a selection. */
export function RunsTile({ where: scope, state, page, onFilter }: Props) {
  const where: Flow_Run_Bool_Exp = state ? { ...scope, state: { _eq: state } } : scope;
  const stateId = useId();
  const q = useLiveQuery({ ...gqlQueryOptions(flowRunKeys.list({ where, page }), Runs, { where, limit: RUNS_PAGE, offset: (page - 1) * RUNS_PAGE }), placeholderData: keepPreviousData });
  const count = useLiveQuery(countOptions(where));
  const total = count.data?.flow_run_aggregate.aggregate?.count ?? 0;
  const rows = q.data?.flow_run ?? [];
  const { selection, select, wholePage, table } = useRunSelection(JSON.stringify(where), rows, runName);
  return (
    <Tile
      title="Runs"
      actions={
        <span className="flex items-center gap-2 text-xs">
          <label htmlFor={stateId}>State</label>
          <Select id={stateId} value={state ?? ""} onChange={(e) => onFilter({ runState: e.target.value || null, runsPage: null })}>
            <option value="">Any state</option>
            {STATE_NAMES.map((s) => (
              <option key={s}>{s}</option>
            ))}
          </Select>
        </span>
      }
    >
      <BulkRunActions selection={selection} onSelectionChange={select} wholePage={wholePage} total={total} where={where} />
      {q.isPending ? (
        <SkeletonRows rows={5} />
      ) : rows.length === 0 ? (
        <Empty>No runs match: widen the window, or pick another project or state.</Empty>
      ) : (
        <DataTable
          label="Runs"
          columns={COLUMNS}
          rows={rows}
          rowKey={(r) => r.id}
          selection={table}
        />
      )}
      <Pager label="Run pages" page={page} pages={pageCount(total, RUNS_PAGE)} onPage={(p) => onFilter({ runsPage: p })} />
    </Tile>
  );
}
