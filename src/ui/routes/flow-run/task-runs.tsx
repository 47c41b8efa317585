import { keepPreviousData } from "@tanstack/react-query";
import { Link, useSearchParams } from "react-router";
import type { FlowRun_TaskRunsQuery } from "../../../core/gql/graphql.ts";
import { type Column, DataTable, Pager, pageCount } from "../../components/data-table.tsx";
import { TASK_RUN_PAGE_SIZE as PAGE_SIZE, taskRunsOptions } from "../../components/flow-run-queries.ts";
import { StateBadge, StateDot } from "../../components/state-badge.tsx";
import { readStateCounts, taskRunCountsOptions } from "../../components/task-run-counts.ts";
import { Duration } from "../../components/time.tsx";
import { Button } from "../../components/ui/button.tsx";
import { SkeletonRows, Tile } from "../../components/ui/card.tsx";
import { Input, Select } from "../../components/ui/field.tsx";
import { useLiveQuery } from "../../lib/live-query.ts";
import { isMappedParent } from "../../lib/mapped.ts";
import { patchSearch, useSearchState } from "../../lib/search-state.ts";
import { MappedChildCounts } from "./mapped-counts.tsx";
import { flowRunSearch } from "./search.ts";

const COUNTED = ["Pending", "Running", "Retrying", "Success", "Cached", "Failed", "TriggerFailed", "Skipped", "Cancelled", "Mapped"] as const;

type TaskRunRow = NonNullable<FlowRun_TaskRunsQuery["flow_run_by_pk"]>["task_runs"][number];

/** The Children column only where the page holds a mapped parent. */
function columns(rows: readonly TaskRunRow[], childrenHref: (taskId: string) => string): Column<TaskRunRow>[] {
  const base: Column<TaskRunRow>[] = [
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
  if (!rows.some(isMappedParent)) return base;
  return [...base, { header: "Children", cell: (t) => (isMappedParent(t) ? <MappedChildCounts parent={t} childrenHref={childrenHref(t.task_id)} /> : null) }];
}

/**
 * The run's task runs, paged. A mapped task is one row (its parent) with its children's counts; its
 * "Show N children" link (or a state filter) lists the children themselves, so a run with 10,000
 * children pages through them instead of loading them.
 */
export function TaskRunTable({ runId, countsLive = true }: { runId: string; countsLive?: boolean }) {
  const [search, setSearch] = useSearchState(flowRunSearch);
  const [params] = useSearchParams();
  const rows = useLiveQuery({ ...taskRunsOptions(runId, search), placeholderData: keepPreviousData });
  const counts = useLiveQuery(taskRunCountsOptions(runId), { enabled: countsLive });
  const run = rows.data?.flow_run_by_pk;
  const total = run?.filtered.aggregate?.count ?? 0;
  const pages = pageCount(total, PAGE_SIZE);
  const c = counts.data ? readStateCounts(counts.data) : null;
  const childrenHref = (taskId: string) => `?${patchSearch(params, { parent: taskId, page: undefined, state: undefined, task: undefined }).toString()}`;
  const parentName = run?.task_runs[0]?.task?.name ?? "the mapped task";
  return (
    <Tile title="Task runs">
      {c ? (
        <ul aria-label="Task runs by state" className="flex flex-wrap gap-x-4 gap-y-1 text-sm">
          <li>
            <span className="font-medium">{c.total}</span> total
          </li>
          {COUNTED.map((s) =>
            c.byState[s] ? (
              <li key={s} className="flex items-center gap-1.5">
                <StateDot state={s} />
                <span className="font-medium">{c.byState[s]}</span> {s}
              </li>
            ) : null,
          )}
        </ul>
      ) : null}
      <div className="flex flex-wrap items-center gap-2">
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
        {search.parent ? (
          <p className="flex items-center gap-2 text-sm">
            Children of {parentName}
            <Button size="sm" onClick={() => setSearch({ parent: undefined, page: undefined })}>
              Show all task runs
            </Button>
          </p>
        ) : null}
      </div>
      {rows.isPending ? (
        <SkeletonRows />
      ) : !run ? (
        <p className="text-sm">Could not load task runs.</p>
      ) : run.task_runs.length === 0 ? (
        <p className="text-sm text-muted-foreground">No task runs match.</p>
      ) : (
        <DataTable columns={columns(run.task_runs, childrenHref)} rows={run.task_runs} rowKey={(t) => t.id} />
      )}
      {total > PAGE_SIZE ? <Pager label="Task run pages" page={search.page} pages={pages} onPage={(page) => setSearch({ page })} /> : null}
    </Tile>
  );
}
