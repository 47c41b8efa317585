import { graphql } from "../../core/gql/gql.ts";
import type { Task_Run_Bool_Exp, Task_Run_Order_By } from "../../core/gql/graphql.ts";
import { ilikePattern } from "../lib/format.ts";
import { gqlQueryOptions } from "../lib/gql-query.ts";
import { flowRunKeys } from "../lib/keys.ts";
import { ensureLiveQueryData, liveCovering } from "../lib/live-query.ts";
import { mappedChildrenWhere } from "../lib/mapped.ts";
import { queryClient } from "../lib/query-client.ts";

/**
 * The run page's live queries that whoever starts a run opens too (its overview: the run, its task
 * runs, their counts), so they live here rather than in the run page's route folder.
 */
/**
 * A page of a run's task runs (the run page's table). The run's own query spreads it too, for the
 * table's first page: a run's state and its tasks' states then arrive in one result and show in one
 * render (see runDetailOptions).
 */
export const TaskRunPageFragment = graphql(`
  fragment TaskRunTable_page on flow_run {
    task_runs(where: $where, order_by: $orderBy, limit: $limit, offset: $offset) {
      id
      name
      state
      map_index
      start_time
      end_time
      flow_run_id
      task_id
      task {
        id
        name
        mapped
      }
    }
    filtered: task_runs_aggregate(where: $where) {
      aggregate {
        count
      }
    }
  }
`);

const TaskRuns = graphql(`
  query FlowRun_taskRuns($id: uuid!, $where: task_run_bool_exp, $orderBy: [task_run_order_by!], $limit: Int, $offset: Int) {
    flow_run_by_pk(id: $id) {
      id
      ...TaskRunTable_page
    }
  }
`);

const Detail = graphql(`
  query FlowRun_detail($id: uuid!, $where: task_run_bool_exp!, $orderBy: [task_run_order_by!]!, $limit: Int!, $offset: Int!) {
    flow_run_by_pk(id: $id) {
      id
      name
      state
      state_message
      state_timestamp
      labels
      version
      ...RunHeader_flowRun
      flow {
        id
        name
        version
        flow_group_id
        storage
        run_config
        project {
          id
          name
        }
      }
      ...TaskRunTable_page
    }
  }
`);

/**
 * The run, with the first page of its task-run table: its live stream also keeps the table's first
 * page (that page's own query and cache entry) current, so the run's state and its tasks' states
 * change in the same render instead of one stream after the other.
 */
export function runDetailOptions(id: string) {
  const first = taskRunPage(FIRST_TASK_RUN_PAGE);
  return liveCovering(gqlQueryOptions(flowRunKeys.detail(id), Detail, { id, ...first.variables }), [flowRunKeys.taskRuns(id, first.key)]);
}

export const TASK_RUN_PAGE_SIZE = 50;

export type TaskRunSort = "start" | "name" | "state";

/** What the run page's task-run table lists: a mapped parent's children, states, a name search, order and page. */
export interface TaskRunFilter {
  parent: string;
  state: readonly string[];
  task: string;
  sort: TaskRunSort;
  page: number;
}

/** The table as a run's page first shows it (the URL's defaults). */
export const FIRST_TASK_RUN_PAGE: TaskRunFilter = { parent: "", state: [], task: "", sort: "start", page: 1 };

const ORDER: Record<TaskRunSort, Task_Run_Order_By[]> = {
  start: [{ start_time: "asc_nulls_last" }, { map_index: "asc" }, { id: "asc" }],
  name: [{ task: { name: "asc" } }, { map_index: "asc" }, { id: "asc" }],
  state: [{ state: "asc" }, { map_index: "asc" }, { id: "asc" }],
};

/** The cache key's part and the query's variables of a page of task runs. */
function taskRunPage(filter: TaskRunFilter) {
  const where: Task_Run_Bool_Exp = {
    ...(filter.parent ? mappedChildrenWhere(filter.parent) : filter.state.length ? {} : { map_index: { _eq: -1 } }),
    ...(filter.state.length ? { state: { _in: [...filter.state] } } : {}),
    ...(filter.task ? { task: { name: { _ilike: ilikePattern(filter.task) } } } : {}),
  };
  return {
    key: { where, sort: filter.sort, page: filter.page },
    variables: { where, orderBy: ORDER[filter.sort], limit: TASK_RUN_PAGE_SIZE, offset: (filter.page - 1) * TASK_RUN_PAGE_SIZE },
  };
}

/** A page of the run's task runs for `filter` (a mapped task is one row, its parent, unless listing children or filtering by state). */
export function taskRunsOptions(runId: string, filter: TaskRunFilter) {
  const { key, variables } = taskRunPage(filter);
  return gqlQueryOptions(flowRunKeys.taskRuns(runId, key), TaskRuns, { id: runId, ...variables });
}

/** Runs this page started (the newest few): they exist, so their page need not wait to learn that. */
const started = new Set<string>();
const STARTED_KEPT = 20;

export const startedHere = (runId: string): boolean => started.has(runId);

/**
 * A run just started, before its page opens: its page's live stream (the run, with the task-run
 * table's first page) opens now, while the app moves there, so its first result and the run's first
 * changes are on their way by the time the page renders instead of being asked for after. The page
 * finds it open (one stream per key) and renders at once (startedHere); its other streams (counts,
 * logs) open once the run has finished or a moment has passed (the run page's useSecondaryStreams).
 */
export function openNewRunStream(runId: string): void {
  started.add(runId);
  if (started.size > STARTED_KEPT) started.delete(started.values().next().value as string);
  void ensureLiveQueryData(runDetailOptions(runId), queryClient).catch(() => {});
}
