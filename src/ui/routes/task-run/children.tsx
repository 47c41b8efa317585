import { keepPreviousData } from "@tanstack/react-query";
import { Link } from "react-router";
import { graphql } from "../../../core/gql/gql.ts";
import type { TaskRun_ChildrenQuery } from "../../../core/gql/graphql.ts";
import { type Column, DataTable, Pager, pageCount } from "../../components/data-table.tsx";
import { StateBadge } from "../../components/state-badge.tsx";
import { StateCountList } from "../../components/state-counts.tsx";
import { readStateCounts, taskRunCountsOptions } from "../../components/task-run-counts.ts";
import { Duration } from "../../components/time.tsx";
import { SkeletonRows, Tile } from "../../components/ui/card.tsx";
import { gqlQueryOptions } from "../../lib/gql-query.ts";
import { taskRunKeys } from "../../lib/keys.ts";
import { useLiveQuery } from "../../lib/live-query.ts";
import { mappedChildrenWhere } from "../../lib/mapped.ts";
import { useSearchState } from "../../lib/search-state.ts";
import { taskRunSearch } from "./search.ts";

const PAGE_SIZE = 50;

const Children = graphql(`
  query TaskRun_children($where: task_run_bool_exp!, $limit: Int!, $offset: Int!) {
    task_run(where: $where, order_by: [{ map_index: asc }], limit: $limit, offset: $offset) {
      id
      map_index
      state
      start_time
      end_time
    }
  }
`);

type Child = TaskRun_ChildrenQuery["task_run"][number];

const COLUMNS: Column<Child>[] = [
  {
    header: "Map index",
    cell: (c) => (
      <Link to={`/task-run/${c.id}`} className="text-primary hover:underline">
        [{c.map_index}]
      </Link>
    ),
  },
  { header: "State", cell: (c) => <StateBadge state={c.state} /> },
  { header: "Duration", cell: (c) => <Duration start={c.start_time} end={c.end_time} /> },
];

/** A mapped parent's children, a page at a time in map order, with their counts by state. */
export function MappedChildren({ parentId, flowRunId, taskId }: { parentId: string; flowRunId: string; taskId: string }) {
  const [search, setSearch] = useSearchState(taskRunSearch);
  const where = mappedChildrenWhere(taskId);
  const counts = useLiveQuery(taskRunCountsOptions(flowRunId, where));
  const rows = useLiveQuery({
    ...gqlQueryOptions(taskRunKeys.children(parentId, search.page), Children, { where: { flow_run_id: { _eq: flowRunId }, ...where }, limit: PAGE_SIZE, offset: (search.page - 1) * PAGE_SIZE }),
    placeholderData: keepPreviousData,
  });
  const c = counts.data ? readStateCounts(counts.data) : null;
  return (
    <Tile title="Mapped children">
      {c ? (
        <div className="flex flex-wrap items-center gap-3 text-sm">
          <span>
            <span className="font-medium">{c.total}</span> {c.total === 1 ? "child" : "children"}
          </span>
          <StateCountList counts={c} label="Children by state" />
        </div>
      ) : null}
      {rows.isPending ? (
        <SkeletonRows />
      ) : !rows.data ? (
        <p className="text-sm">Could not load the children.</p>
      ) : rows.data.task_run.length === 0 ? (
        <p className="text-sm text-muted-foreground">No children yet.</p>
      ) : (
        <DataTable label="Mapped children" columns={COLUMNS} rows={rows.data.task_run} rowKey={(r) => r.id} />
      )}
      {c && c.total > PAGE_SIZE ? <Pager label="Child pages" page={search.page} pages={pageCount(c.total, PAGE_SIZE)} onPage={(page) => setSearch({ page })} /> : null}
    </Tile>
  );
}
