import { isFailed, isStateName } from "../../core/states.ts";

export interface RestartTaskRun {
  id: string;
  task_id: string;
  state: string | null;
  version: number;
}

export interface RestartEdge {
  upstream_task_id: string;
  downstream_task_id: string;
}

/**
 * "Restart from failed": the failed task runs (Failed, TriggerFailed, TimedOut…) plus everything
 * downstream of them must run again; upstream successes are kept. Returns those task runs.
 * `fromTasks` restarts from those tasks only (the task-run page's Restart), whatever their state.
 * A task's runs go together: a mapped task's parent and all its children.
 */
export function taskRunsToRestart(taskRuns: readonly RestartTaskRun[], edges: readonly RestartEdge[], fromTasks?: readonly string[]): RestartTaskRun[] {
  const downstream = new Map<string, string[]>();
  for (const e of edges) downstream.set(e.upstream_task_id, [...(downstream.get(e.upstream_task_id) ?? []), e.downstream_task_id]);
  const seeds = fromTasks ?? taskRuns.filter((t) => isStateName(t.state) && isFailed(t.state)).map((t) => t.task_id);
  const marked = new Set<string>();
  const stack = [...seeds];
  while (stack.length) {
    const task = stack.pop() as string;
    if (marked.has(task)) continue;
    marked.add(task);
    stack.push(...(downstream.get(task) ?? []));
  }
  return taskRuns.filter((t) => marked.has(t.task_id));
}
