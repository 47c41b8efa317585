import { currentBuilder } from "./building.ts";
import { type GraphNode, isRef, parseArgNames, type TaskDefinition, TaskRef } from "./graph.ts";
import { mappedCallSpec, type Unmapped } from "./mapping.ts";
import type { Trigger } from "./triggers.ts";

export interface TaskOptions {
  /** Task name (default: the function's name, or "task"). Slugs are `<name>-<n>`. */
  name?: string;
  /** How many times to retry after a failure (default 0). */
  maxRetries?: number;
  /** Milliseconds to wait before a retry (default 0). */
  retryDelay?: number;
  /** Milliseconds an attempt may take before it ends TimedOut (default: no limit). */
  timeout?: number;
  /** When to run given the upstream states; see `triggers` (default `allSuccessful`). */
  trigger?: Trigger;
  tags?: string[];
  /** Tasks that must finish first even though no result is passed (refs from the same flow). */
  upstream?: TaskRef[];
  /**
   * Milliseconds a result stays valid: a later call with the same inputs (in this flow run or
   * another on the same machine) is not run but reports Cached with the kept result.
   */
  cacheFor?: number;
  /**
   * The cache key from the task's inputs (by argument name, or position when unnamed), instead of
   * the default (flow, task, inputs and the parameters it reads): tasks giving the same key share a result.
   */
  cacheKey?: (inputs: Record<string, unknown>) => string;
  /** With `.map(…)`: how many children run at once (default 100). Each child retries and times out on its own. */
  mapConcurrency?: number;
}

/** An argument may be a plain value or the reference to another task's result. */
export type MaybeRef<T> = T | TaskRef<any> | (T extends readonly (infer U)[] ? MaybeRef<U>[] : never);
type RefArgs<A extends unknown[]> = { [K in keyof A]: MaybeRef<A[K]> };
/** An argument of `.map(…)`: a list (or a reference to one) to map over, or `unmapped(value)`. */
type MapArgs<A extends unknown[]> = { [K in keyof A]: MaybeRef<A[K][]> | TaskRef<readonly A[K][]> | Unmapped<MaybeRef<A[K]>> };

export interface Task<A extends unknown[] = any[], R = unknown> {
  /** Inside a flow build: records a call of this task and returns a reference to its result. */
  (...args: RefArgs<A>): TaskRef<Awaited<R>>;
  readonly definition: TaskDefinition;
  /**
   * Inside a flow build: one child task run per item, under one parent task run that ends `Mapped`.
   * Each argument is a list (a plain array, a Parameter or another task's result) mapped over item
   * by item, or `unmapped(value)` given whole to every child. The result is the list of the
   * children's results: `.map` it again to go on element-wise, or pass it to a plain task as a list.
   */
  map(...args: MapArgs<A>): TaskRef<Awaited<R>[]>;
  /** A copy of this task with some options changed, e.g. `say.with({ upstream: [first] })("hi")`. */
  with(options: TaskOptions): Task<A, R>;
}

/**
 * Turns a function into a task. Calling the task inside `new Flow(name, (flow) => { … })` does not
 * run it: it adds a task run to the flow and returns a reference that other tasks can take as an
 * argument (that makes an edge).
 *
 * @example
 * ```ts
 * import { task, Flow, triggers } from "tern";
 * const fetchRows = task(async (url: string) => (await fetch(url)).json(), { maxRetries: 3, retryDelay: 1000 });
 * const count = task((rows: unknown[]) => rows.length);
 * const cleanup = task(() => {}, { trigger: triggers.allFinished });
 * // Not run again for an hour once it has fetched this url: the run reports it Cached.
 * const fetchRates = task(async (url: string) => (await fetch(url)).json(), { cacheFor: 3_600_000 });
 * export const flow = new Flow("rows", () => {
 *   const rows = fetchRows("https://example.com/rows.json");
 *   cleanup.with({ upstream: [count(rows)] })();
 * });
 * ```
 */
export function task<A extends unknown[], R>(fn: (...args: A) => R, options: TaskOptions = {}): Task<A, R> {
  if (typeof fn !== "function") throw new TypeError("task(fn): fn must be a function");
  const definition: TaskDefinition = {
    name: options.name ?? (fn.name && fn.name !== "anonymous" ? fn.name : "task"),
    fn,
    maxRetries: options.maxRetries ?? 0,
    retryDelay: options.retryDelay ?? 0,
    timeout: options.timeout,
    trigger: options.trigger ?? "allSuccessful",
    tags: options.tags ?? [],
    argNames: parseArgNames(fn),
    cache: options.cacheFor !== undefined ? { cacheFor: options.cacheFor, cacheKey: options.cacheKey } : undefined,
    mapConcurrency: options.mapConcurrency,
  };
  checkOptions(definition);
  if (options.cacheKey !== undefined && options.cacheFor === undefined) throw new TypeError(`task "${definition.name}": cacheKey needs cacheFor (how long a result stays valid)`);
  const upstream = options.upstream ?? [];
  for (const u of upstream) if (!isRef(u)) throw new TypeError(`task "${definition.name}": upstream must hold task references`);

  const record = (spec: Omit<GraphNode, "slug" | "flow">): TaskRef => {
    const builder = currentBuilder();
    if (builder) return new TaskRef(builder.addNode(spec));
    // Outside a build the call is an orphan: harmless alone, reported by validate() if a flow uses it.
    return new TaskRef({ ...spec, slug: `${definition.name}-orphan` });
  };
  const base = { name: definition.name, kind: "task" as const, task: definition, upstream: upstream.map((r) => r.node) };
  const call = (...args: unknown[]): TaskRef => record({ ...base, args });
  const result = call as Task<A, R>;
  Object.defineProperty(result, "definition", { value: definition });
  Object.defineProperty(result, "map", { value: (...args: unknown[]) => record({ ...base, ...mappedCallSpec(definition.name, args) }) });
  Object.defineProperty(result, "with", {
    value: (more: TaskOptions) =>
      task(fn, {
        name: definition.name,
        maxRetries: definition.maxRetries,
        retryDelay: definition.retryDelay,
        timeout: definition.timeout,
        trigger: definition.trigger,
        tags: definition.tags,
        upstream,
        cacheFor: definition.cache?.cacheFor,
        cacheKey: definition.cache?.cacheKey,
        mapConcurrency: definition.mapConcurrency,
        ...more,
      }),
  });
  return result;
}

function checkOptions(d: TaskDefinition) {
  if (!Number.isInteger(d.maxRetries) || d.maxRetries < 0) throw new TypeError(`task "${d.name}": maxRetries must be a whole number ≥ 0`);
  if (!(d.retryDelay >= 0)) throw new TypeError(`task "${d.name}": retryDelay must be ≥ 0 ms`);
  if (d.mapConcurrency !== undefined && !(Number.isInteger(d.mapConcurrency) && d.mapConcurrency >= 1)) {
    throw new TypeError(`task "${d.name}": mapConcurrency must be a whole number ≥ 1`);
  }
  if (d.timeout !== undefined && !(d.timeout > 0)) throw new TypeError(`task "${d.name}": timeout must be > 0 ms`);
  if (d.cache && !(d.cache.cacheFor > 0 && Number.isFinite(d.cache.cacheFor))) throw new TypeError(`task "${d.name}": cacheFor must be a number of ms > 0`);
  if (d.cache?.cacheKey !== undefined && typeof d.cache.cacheKey !== "function") throw new TypeError(`task "${d.name}": cacheKey must be a function of the inputs`);
  if (!["allSuccessful", "allFinished", "anyFailed", "anySuccessful"].includes(d.trigger)) {
    throw new TypeError(`task "${d.name}": unknown trigger "${d.trigger}" (use one of triggers.*)`);
  }
}
