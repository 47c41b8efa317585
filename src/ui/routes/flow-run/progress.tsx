import { readStateCounts, taskRunCountsOptions } from "../../components/task-run-counts.ts";
import { useLiveQuery } from "../../lib/live-query.ts";
import { progressOf } from "../../lib/progress.ts";
import { stateColor } from "../../lib/states.ts";

/** The run's task runs as one bar of state segments, live (the per-state counts are in the task-run table); read out as "3 of 5 task runs finished: …". */
export function RunProgress({ runId, live = true }: { runId: string; live?: boolean }) {
  const q = useLiveQuery(taskRunCountsOptions(runId), { enabled: live });
  if (!q.data) return null;
  const { byState, total } = readStateCounts(q.data);
  const progress = progressOf(byState, total);
  return (
    <div className="flex flex-col gap-1.5">
      <div role="img" aria-label={progress.text} className="flex h-2.5 w-full overflow-hidden rounded-full bg-muted">
        {progress.segments.map((s) => (
          <div key={s.state} className="h-full transition-[width]" style={{ width: `${(100 * s.count) / total}%`, background: stateColor(s.state) }} />
        ))}
      </div>
      <p aria-hidden className="text-xs text-muted-foreground">
        {total ? `${progress.finished} of ${total} task runs finished` : progress.text}
      </p>
    </div>
  );
}
