import type { StateName } from "../core/states.ts";
import { isFailed, isSuccessful } from "../core/states.ts";
import { type GraphEdge, type GraphNode, isRef, type MappedCall } from "./graph.ts";
import { triggerFailureMessage, triggerPasses, type UpstreamOutcome } from "./triggers.ts";

/**
 * Mapping: `someTask.map(items)` runs one child task run per item under one parent task run that
 * ends `Mapped`. Every argument is mapped over (element i goes to child i) unless wrapped in
 * {@link unmapped}; the shortest mapped list sets the number of children. A mapped result is the
 * list of its children's results, so mapping over it again pairs child i with child i (element-wise),
 * and a plain task that takes it receives the whole list.
 */

/** Children of one mapped task that run at once unless the task says otherwise (`mapConcurrency`). */
export const DEFAULT_MAP_CONCURRENCY = 100;

const UNMAPPED = Symbol.for("tern.sdk.unmapped");

/** An argument of `task.map(…)` given whole to every child; see {@link unmapped}. */
export class Unmapped<T = unknown> {
  readonly [UNMAPPED] = true;
  constructor(readonly value: T) {}
}

/**
 * Marks an argument of `task.map(…)` as the same for every child instead of mapped over.
 *
 * @example
 * ```ts
 * import { Flow, task, unmapped } from "tern";
 * const scale = task((n: number, factor: number) => n * factor);
 * new Flow("scaled", () => {
 *   scale.map([1, 2, 3], unmapped(10)); // three children: 10, 20, 30
 * });
 * ```
 */
export function unmapped<T>(value: T): Unmapped<T> {
  return new Unmapped(value);
}

function isUnmapped(value: unknown): value is Unmapped {
  return typeof value === "object" && value !== null && (value as Record<symbol, unknown>)[UNMAPPED] === true;
}

/** A mapped call's arguments with the `unmapped` wrappers taken off, and which ones they were. */
export function mappedCallSpec(taskName: string, args: unknown[]): { args: unknown[]; mapped: MappedCall } {
  const unmappedArgs: number[] = [];
  const plain = args.map((arg, i) => {
    if (!isUnmapped(arg)) return arg;
    unmappedArgs.push(i);
    return arg.value;
  });
  if (unmappedArgs.length === args.length) throw new TypeError(`task "${taskName}": .map(…) needs at least one argument to map over (all are unmapped)`);
  return { args: plain, mapped: { unmappedArgs } };
}

const mappedArgIndexes = (node: GraphNode): number[] =>
  node.args.map((_, i) => i).filter((i) => !node.mapped?.unmappedArgs.includes(i));

/** Whether an edge feeds an argument its downstream maps over (Prefect's `mapped: true` edge). */
export function isMappedEdge(edge: GraphEdge): boolean {
  const { downstream, upstream, key } = edge;
  if (!downstream.mapped || key === null) return false;
  return mappedArgIndexes(downstream).some((i) => (downstream.task?.argNames[i] ?? String(i)) === key && refersTo(downstream.args[i], upstream));
}

function refersTo(value: unknown, node: GraphNode): boolean {
  if (isRef(value)) return value.node === node;
  if (Array.isArray(value)) return value.some((v) => refersTo(v, node));
  if (typeof value === "object" && value !== null) return Object.values(value).some((v) => refersTo(v, node));
  return false;
}

/** The part of a task's outcome the mapping needs (kept structural to avoid a cycle with runner.ts). */
export interface MappableOutcome {
  state: StateName;
  message: string;
  result?: unknown;
  error?: unknown;
  attempts: number;
  /** A mapped task's children, in map_index order. */
  children?: MappableOutcome[];
}

/** Outcomes as triggers see them: a mapped task counts as each of its children. */
export function expandChildren<O extends MappableOutcome>(outcomes: O[]): O[] {
  return outcomes.flatMap((o) => (o.children as O[] | undefined) ?? [o]);
}

export function upstreamOutcomes(outcomes: MappableOutcome[]): UpstreamOutcome[] {
  return expandChildren(outcomes).map((u) => (isSuccessful(u.state) ? "success" : isFailed(u.state) ? "failed" : "other"));
}

/** What a task's argument holds when it reads a finished task: its result, or its error when it failed. */
export const argumentValue = (o: MappableOutcome | undefined): unknown => (o && "result" in o ? o.result : o?.error);

export interface MapRun<O extends MappableOutcome> {
  node: GraphNode;
  /** The call's arguments with references resolved (a mapped upstream resolved to its list). */
  args: unknown[];
  upstream: { node: GraphNode; outcome: O }[];
  /** Children an earlier run of this flow run finished successfully (restart from failed). */
  kept?: ReadonlyMap<number, O>;
  /** Creates (or finds) the children's task runs; their ids in map_index order when there are any. */
  prepareChildren(count: number): Promise<(string | undefined)[]>;
  setParentState(state: { type: StateName; message: string; n_map_states?: number }): Promise<void>;
  /** Runs child `mapIndex` (trigger, attempts, states); `upstream` is what its trigger sees. */
  runChild(mapIndex: number, args: unknown[], upstream: O[], taskRunId: string | undefined): Promise<O>;
}

/**
 * Runs a mapped task: checks it can map, creates its children, sets the parent `Mapped`, then runs
 * the children at most `mapConcurrency` at a time. Child i's trigger sees child i of each upstream
 * task it maps over element-wise, and every other upstream task whole.
 */
export async function runMapped<O extends MappableOutcome>(run: MapRun<O>): Promise<O> {
  // The outcomes made here have exactly the fields of O (the runner's TaskOutcome).
  const finish = (outcome: MappableOutcome) => outcome as O;
  const { node, args } = run;
  const def = node.task!;
  const indexes = mappedArgIndexes(node);
  const notList = indexes.find((i) => !Array.isArray(args[i]));
  if (notList !== undefined) {
    const ups = upstreamOutcomes(run.upstream.map((u) => u.outcome));
    if (!triggerPasses(def.trigger, ups)) {
      const message = triggerFailureMessage(def.trigger);
      await run.setParentState({ type: "TriggerFailed", message });
      return finish({ state: "TriggerFailed", message, attempts: 0 });
    }
    const name = def.argNames[notList] ?? `#${notList + 1}`;
    const message = `Cannot map over argument "${name}" of task "${node.slug}": it is not a list (got ${describeValue(args[notList])}).`;
    await run.setParentState({ type: "Failed", message });
    return finish({ state: "Failed", message, attempts: 0 });
  }
  const count = Math.min(...indexes.map((i) => (args[i] as unknown[]).length));
  const ids = await run.prepareChildren(count);
  const message = `Mapped ${count} ${count === 1 ? "child" : "children"}.`;
  await run.setParentState({ type: "Mapped", message, n_map_states: count });

  // Upstream tasks this one maps over element-wise: a mapped task passed directly as a mapped argument.
  const elementWise = new Set(indexes.map((i) => node.args[i]).filter(isRef).map((r) => r.node));
  const children: O[] = new Array(count);
  await runPool(count, def.mapConcurrency ?? DEFAULT_MAP_CONCURRENCY, async (i) => {
    const kept = run.kept?.get(i);
    if (kept) {
      children[i] = kept;
      return;
    }
    const childArgs = args.map((a, j) => (indexes.includes(j) ? (a as unknown[])[i] : a));
    const ups = run.upstream.flatMap(({ node: up, outcome }) =>
      elementWise.has(up) && outcome.children ? [outcome.children[i] as O] : [outcome],
    );
    children[i] = await run.runChild(i, childArgs, ups, ids[i]);
  });
  return finish({ state: "Mapped", message, attempts: 0, children, result: children.map(argumentValue) });
}

/** Runs `work(0…count-1)` with at most `limit` calls in flight, in index order. */
export async function runPool(count: number, limit: number, work: (index: number) => Promise<void>): Promise<void> {
  let next = 0;
  const worker = async () => {
    while (next < count) await work(next++);
  };
  await Promise.all(Array.from({ length: Math.min(Math.max(1, limit), count) }, worker));
}

function describeValue(value: unknown): string {
  if (value === null) return "null";
  if (value instanceof Error) return `an error: ${value.message}`;
  return typeof value;
}
