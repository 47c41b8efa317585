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

/** A mapped task's children as found, by map_index. */
export type FoundChildren = ReadonlyMap<string, ReadonlyMap<number, FoundTaskRun>>;

const KEPT = "Kept from the earlier run.";
const succeeded = (run: FoundTaskRun | undefined) => isStateName(run?.state) && isSuccessful(run.state);
const resultOf = (run: FoundTaskRun | undefined) => (run?.serializedState as { _result?: unknown } | null)?._result;

/**
 * Restart from failed: the tasks an earlier run of this flow run finished successfully are kept, not
 * run again. Each kept task whose result a task that runs again takes as an argument has that
 * result loaded from the store; when it cannot be (deleted, stored on another machine, never
 * stored), that task runs again too, and `warn` says why. Parameters are kept with their value.
 * A mapped task is kept whole only when every one of its children succeeded (see {@link keptChildren}
 * for the others). A first run finds nothing finished and keeps nothing.
 */
export async function keptTasks(
  flow: Flow,
  found: ReadonlyMap<string, FoundTaskRun>,
  parameters: Record<string, unknown>,
  store: LocalResultStore,
  warn: (node: GraphNode, message: string) => void,
  foundChildren: FoundChildren = new Map(),
): Promise<Map<GraphNode, TaskOutcome>> {
  const kept = new Map<GraphNode, TaskOutcome>();
  for (const node of flow.nodes) {
    const run = found.get(node.slug);
    const state = run?.state;
    if (!isStateName(state) || !isSuccessful(state)) continue;
    if (node.kind === "parameter") {
      if (Object.hasOwn(parameters, node.name)) kept.set(node, { state, message: KEPT, result: parameters[node.name], attempts: 0 });
    } else if (node.mapped) {
      const children = allChildrenSucceeded(run, foundChildren.get(node.slug));
      if (children) kept.set(node, { state, message: KEPT, attempts: 0, children });
    } else kept.set(node, { state, message: KEPT, attempts: 0 });
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
        if (outcome.children) {
          const children = foundChildren.get(upstream.slug);
          for (const [i, child] of outcome.children.entries()) child.result = await store.load(resultOf(children?.get(i)));
          outcome.result = outcome.children.map((c) => c.result);
        } else outcome.result = await store.load(resultOf(found.get(upstream.slug)));
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

/** A Mapped parent's children when all of them (its `n_map_states`) succeeded; otherwise undefined. */
function allChildrenSucceeded(parent: FoundTaskRun | undefined, children: ReadonlyMap<number, FoundTaskRun> | undefined): TaskOutcome[] | undefined {
  const count = (parent?.serializedState as { n_map_states?: unknown } | null)?.n_map_states;
  if (typeof count !== "number") return undefined;
  const outcomes: TaskOutcome[] = [];
  for (let i = 0; i < count; i++) {
    const child = children?.get(i);
    if (!succeeded(child)) return undefined;
    outcomes.push({ state: child!.state as TaskOutcome["state"], message: KEPT, attempts: 0 });
  }
  return outcomes;
}

/**
 * Restart from failed, for a mapped task that runs again: its children that succeeded before are
 * kept with their results loaded, so only the others run. A child whose result cannot be loaded
 * runs again (`warn` says why).
 */
export async function keptChildren(
  flow: Flow,
  kept: ReadonlyMap<GraphNode, TaskOutcome>,
  foundChildren: FoundChildren,
  store: LocalResultStore,
  warn: (node: GraphNode, message: string) => void,
): Promise<Map<GraphNode, Map<number, TaskOutcome>>> {
  const byNode = new Map<GraphNode, Map<number, TaskOutcome>>();
  for (const node of flow.nodes) {
    const children = foundChildren.get(node.slug);
    if (!node.mapped || kept.has(node) || !children) continue;
    const keep = new Map<number, TaskOutcome>();
    for (const [i, child] of children) {
      if (!succeeded(child)) continue;
      try {
        keep.set(i, { state: child.state as TaskOutcome["state"], message: KEPT, attempts: 0, result: await store.load(resultOf(child)) });
      } catch (error) {
        const why = error instanceof ResultStoreError ? error.message : describe(error);
        warn(node, `Child ${i} of task "${node.slug}" runs again although it succeeded before: its result could not be loaded (${why}).`);
      }
    }
    if (keep.size) byNode.set(node, keep);
  }
  return byNode;
}
