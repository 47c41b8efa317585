import { keepPreviousData } from "@tanstack/react-query";
import { Link } from "react-router";
import { type Column, DataTable, Pager, pageCount } from "../../components/data-table.tsx";
import { graphql } from "../../../core/gql/gql.ts";
import type { FlowRun_TaskRunsQuery, Task_Run_Bool_Exp, Task_Run_Order_By } from "../../../core/gql/graphql.ts";
import { StateBadge, StateDot } from "../../components/state-badge.tsx";
import { Duration } from "../../components/time.tsx";
import { SkeletonRows, Tile } from "../../components/ui/card.tsx";
import { Input, Select } from "../../components/ui/field.tsx";
import { ilikePattern } from "../../lib/format.ts";
import { gqlQueryOptions } from "../../lib/gql-query.ts";
import { flowRunKeys } from "../../lib/keys.ts";
import { useLiveQuery } from "../../lib/live-query.ts";
import { useSearchState } from "../../lib/search-state.ts";
import { flowRunSearch } from "./search.ts";

export const PAGE_SIZE = 50;

const TaskRuns = graphql(`
  query FlowRun_taskRuns($id: uuid!, $where: task_run_bool_exp, $orderBy: [task_run_order_by!], $limit: Int, $offset: Int) {
    flow_run_by_pk(id: $id) {
      id
      task_runs(where: $where, order_by: $orderBy, limit: $limit, offset: $offset) {
        id
        name
        state
        map_index
        start_time
        end_time
        task {
          id
          name
        }
      }
      filtered: task_runs_aggregate(where: $where) {
        aggregate {
          count
        }
      }
    }
  }
`);

/** Per-state counts for the whole run, one aggregate per state that matters to a reader. */
const Counts = graphql(`
  query FlowRun_counts($id: uuid!) {
    flow_run_by_pk(id: $id) {
      id
      total: task_runs_aggregate {
        aggregate {
          count
        }
      }
      Pending: task_runs_aggregate(where: { state: { _eq: "Pending" } }) {
        aggregate {
          count
        }
      }
      Running: task_runs_aggregate(where: { state: { _eq: "Running" } }) {
        aggregate {
          count
        }
      }
      Retrying: task_runs_aggregate(where: { state: { _eq: "Retrying" } }) {
        aggregate {
          count
        }
      }
      Success: task_runs_aggregate(where: { state: { _eq: "Success" } }) {
        aggregate {
          count
        }
      }
      Cached: task_runs_aggregate(where: { state: { _eq: "Cached" } }) {
        aggregate {
          count
        }
      }
      Failed: task_runs_aggregate(where: { state: { _eq: "Failed" } }) {
        aggregate {
          count
        }
      }
      TriggerFailed: task_runs_aggregate(where: { state: { _eq: "TriggerFailed" } }) {
        aggregate {
          count
        }
      }
      Skipped: task_runs_aggregate(where: { state: { _eq: "Skipped" } }) {
        aggregate {
          count
        }
      }
      Cancelled: task_runs_aggregate(where: { state: { _eq: "Cancelled" } }) {
        aggregate {
          count
        }
      }
    }
  }
`);

const COUNTED = ["Pending", "Running", "Retrying", "Success", "Cached", "Failed", "TriggerFailed", "Skipped", "Cancelled"] as const;

const ORDER: Record<"start" | "name" | "state", Task_Run_Order_By[]> = {
  start: [{ start_time: "asc_nulls_last" }, { id: "asc" }],
  name: [{ task: { name: "asc" } }, { map_index: "asc" }, { id: "asc" }],
  state: [{ state: "asc" }, { id: "asc" }],
};

type TaskRunRow = NonNullable<FlowRun_TaskRunsQuery["flow_run_by_pk"]>["task_runs"][number];

const COLUMNS: Column<TaskRunRow>[] = [
  {
    header: "Task",
    cell: (t) => (
      <Link to={`/task-run/${t.id}`} className="text-primary hover:underline">
        {t.task?.name ?? t.name ?? t.id}
        {t.map_index >= 0 ? `[${t.map_index}]` : ""}
      </Link>
    ),
  },
  { header: "State", cell: (t) => <StateBadge state={t.state} /> },
  { header: "Duration", cell: (t) => <Duration start={t.start_time} end={t.end_time} /> },
];

export function TaskRunTable({ runId }: { runId: string }) {
  const [search, setSearch] = useSearchState(flowRunSearch);
  const where: Task_Run_Bool_Exp = {
    ...(search.state.length ? { state: { _in: search.state } } : {}),
    ...(search.task ? { task: { name: { _ilike: ilikePattern(search.task) } } } : {}),
  };
  const filter = { where, sort: search.sort, page: search.page };
  const rows = useLiveQuery({
    ...gqlQueryOptions(flowRunKeys.taskRuns(runId, filter), TaskRuns, { id: runId, where, orderBy: ORDER[search.sort], limit: PAGE_SIZE, offset: (search.page - 1) * PAGE_SIZE }),
    placeholderData: keepPreviousData,
  });
  const counts = useLiveQuery(gqlQueryOptions(flowRunKeys.counts(runId), Counts, { id: runId }));
  const run = rows.data?.flow_run_by_pk;
  const total = run?.filtered.aggregate?.count ?? 0;
  const pages = pageCount(total, PAGE_SIZE);
  const c = counts.data?.flow_run_by_pk;
  return (
    <Tile title="Task runs">
      {c ? (
        <ul aria-label="Task runs by state" className="flex flex-wrap gap-x-4 gap-y-1 text-sm">
          <li>
            <span className="font-medium">{c.total.aggregate?.count ?? 0}</span> total
          </li>
          {COUNTED.map((s) => {
            const n = c[s].aggregate?.count ?? 0;
            return n ? (
              <li key={s} className="flex items-center gap-1.5">
                <StateDot state={s} />
                <span className="font-medium">{n}</span> {s}
              </li>
            ) : null;
          })}
        </ul>
      ) : null}
      <div className="flex flex-wrap gap-2">
        <Input aria-label="Search tasks by name" placeholder="Task name" className="w-44" value={search.task} onChange={(e) => setSearch({ task: e.target.value, page: undefined }, { replace: true })} />
        <Select aria-label="Filter by state" value={search.state[0] ?? ""} onChange={(e) => setSearch({ state: e.target.value ? [e.target.value] : undefined, page: undefined })}>
          <option value="">All states</option>
          {COUNTED.map((s) => (
            <option key={s} value={s}>
              {s}
            </option>
          ))}
        </Select>
        <Select aria-label="Sort task runs" value={search.sort} onChange={(e) => setSearch({ sort: e.target.value, page: undefined })}>
          <option value="start">By start time</option>
          <option value="name">By name</option>
          <option value="state">By state</option>
        </Select>
      </div>
      {rows.isPending ? (
        <SkeletonRows />
      ) : !run ? (
        <p className="text-sm">Could not load task runs.</p>
      ) : run.task_runs.length === 0 ? (
        <p className="text-sm text-muted-foreground">No task runs match.</p>
      ) : (
        <DataTable columns={COLUMNS} rows={run.task_runs} rowKey={(t) => t.id} />
      )}
      {total > PAGE_SIZE ? <Pager label="Task run pages" page={search.page} pages={pages} onPage={(page) => setSearch({ page })} /> : null}
    </Tile>
  );
}
