import { Link } from "react-router";
import { StateCountList } from "../../components/state-counts.tsx";
import { readStateCounts, taskRunCountsOptions } from "../../components/task-run-counts.ts";
import { useLiveQuery } from "../../lib/live-query.ts";
import { mappedChildrenWhere } from "../../lib/mapped.ts";

/** A mapped parent's cell: its children counted by state (never fetched), and a link that lists them. */
export function MappedChildCounts({ parent, childrenHref }: { parent: { flow_run_id: string; task_id: string; task?: { name?: string | null } | null }; childrenHref: string }) {
  const q = useLiveQuery(taskRunCountsOptions(parent.flow_run_id, mappedChildrenWhere(parent.task_id)));
  if (!q.data) return <span className="text-xs text-muted-foreground">…</span>;
  const counts = readStateCounts(q.data);
  const name = parent.task?.name ?? "task";
  return (
    <div className="flex flex-col gap-0.5">
      <Link to={childrenHref} className="text-xs text-primary hover:underline">
        Show {counts.total} {counts.total === 1 ? "child" : "children"}
        <span className="sr-only"> of {name}</span>
      </Link>
      <StateCountList counts={counts} label={`Children of ${name} by state`} />
    </div>
  );
}
