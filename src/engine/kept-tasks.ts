import { isStateName, isSuccessful } from "../core/states.ts";
import type { Flow } from "../sdk/flow.ts";
import { collectRefs, type GraphNode } from "../sdk/graph.ts";
import { type LocalResultStore, ResultStoreError } from "../sdk/results.ts";
import { describe, type TaskOutcome } from "../sdk/runner.ts";

/** A task run as the engine finds it when its flow run starts (again). */
export interface FoundTaskRun {
  state: string | null | undefined;
  /** The task run's current state as stored; a Success records its result's location in `_result`. */
  serializedState: unknown;
}

/**
 * Restart from failed: the tasks an earlier run of this flow run finished successfully are kept, not
 * run again. Each kept task whose result a task that runs again takes as an argument has that
 * result loaded from the store; when it cannot be (deleted, stored on another machine, never
 * stored), that task runs again too, and `warn` says why. Parameters are kept with their value.
 * A first run finds nothing finished and keeps nothing.
 */
export async function keptTasks(
  flow: Flow,
  found: ReadonlyMap<string, FoundTaskRun>,
  parameters: Record<string, unknown>,
  store: LocalResultStore,
  warn: (node: GraphNode, message: string) => void,
): Promise<Map<GraphNode, TaskOutcome>> {
  const kept = new Map<GraphNode, TaskOutcome>();
  for (const node of flow.nodes) {
    const state = found.get(node.slug)?.state;
    if (!isStateName(state) || !isSuccessful(state)) continue;
    if (node.kind === "parameter") {
      if (Object.hasOwn(parameters, node.name)) kept.set(node, { state, message: "Kept from the earlier run.", result: parameters[node.name], attempts: 0 });
    } else kept.set(node, { state, message: "Kept from the earlier run.", attempts: 0 });
  }
  if (!kept.size) return kept;

  // Walk from the tasks that run towards the kept results they read; a result that cannot be
  // loaded puts its task among those that run, and its own inputs are then needed in turn.
  const loaded = new Set<GraphNode>();
  const toVisit = flow.nodes.filter((n) => !kept.has(n));
  for (let node = toVisit.pop(); node; node = toVisit.pop()) {
    for (const ref of collectRefs(node.args)) {
      const upstream = ref.node;
      const outcome = kept.get(upstream);
      if (!outcome || loaded.has(upstream) || upstream.kind === "parameter") continue;
      try {
        outcome.result = await store.load((found.get(upstream.slug)?.serializedState as { _result?: unknown } | null)?._result);
        loaded.add(upstream);
      } catch (error) {
        const why = error instanceof ResultStoreError ? error.message : describe(error);
        warn(upstream, `Task "${upstream.slug}" runs again although it succeeded before: its result could not be loaded (${why}).`);
        kept.delete(upstream);
        toVisit.push(upstream);
      }
    }
  }
  return kept;
}
