import type { Trigger } from "./triggers.ts";

/**
 * The flow graph as the builder records it. A node is one call of a task inside a flow's build
 * function (or one Parameter); edges come from argument references and explicit `upstream`.
 */

/** What decides when a task's result may be reused (`task(fn, { cacheFor, cacheKey })`). */
export interface TaskCacheOptions {
  /** Milliseconds a result stays valid after the task made it. */
  cacheFor: number;
  /**
   * The cache key from the task's inputs (its arguments by name, or by position when unnamed),
   * replacing the default key: every task, in any flow, giving the same key shares one cached result.
   */
  cacheKey?: (inputs: Record<string, unknown>) => string;
}

export interface TaskDefinition {
  name: string;
  fn: (...args: any[]) => unknown;
  maxRetries: number;
  /** Milliseconds between a failure and the next attempt. */
  retryDelay: number;
  /** Milliseconds an attempt may take; undefined means no limit. */
  timeout?: number;
  trigger: Trigger;
  tags: string[];
  /** Argument names parsed from the function's source, used as edge keys. */
  argNames: (string | undefined)[];
  /** Set when the task's results are cached (`cacheFor`). */
  cache?: TaskCacheOptions;
  /** How many children of `.map(…)` run at once (undefined: the default, see mapping.ts). */
  mapConcurrency?: number;
}

export interface ParameterDefinition {
  name: string;
  default: unknown;
  required: boolean;
}

export interface GraphNode {
  slug: string;
  name: string;
  /** The flow this node was created in; undefined when created outside any flow build. */
  flow?: object;
  kind: "task" | "parameter";
  task?: TaskDefinition;
  parameter?: ParameterDefinition;
  /** Raw call arguments, with references still in them; the runner resolves them. */
  args: unknown[];
  /** Nodes that must finish first, from `upstream` (argument references become edges too). */
  upstream: GraphNode[];
  /** Set when the node came from `task.map(…)`: one child task run per item (see mapping.ts). */
  mapped?: MappedCall;
}

/** How a mapped call spreads its arguments: every argument is mapped over except these indexes. */
export interface MappedCall {
  unmappedArgs: readonly number[];
}

export interface GraphEdge {
  upstream: GraphNode;
  downstream: GraphNode;
  /** The argument the upstream result feeds (name or index), or null for a pure ordering edge. */
  key: string | null;
}

const REF = Symbol.for("tern.sdk.ref");

/**
 * What calling a task inside a flow build returns: a handle on that future result. Pass it to other
 * tasks to make them depend on it.
 *
 * @example
 * ```ts
 * new Flow("etl", () => {
 *   const rows = extract();      // a TaskRef, not the rows
 *   load(transform(rows));       // edges extract → transform → load
 * });
 * ```
 */
export class TaskRef<T = unknown> {
  readonly [REF] = true;
  /** Phantom field so refs keep their result type; never set. */
  declare readonly __result?: T;
  constructor(readonly node: GraphNode) {}
  get slug(): string {
    return this.node.slug;
  }
}

export function isRef(value: unknown): value is TaskRef {
  return typeof value === "object" && value !== null && (value as Record<symbol, unknown>)[REF] === true;
}

export function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (typeof value !== "object" || value === null) return false;
  const proto = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
}

/** Every reference inside a value: itself, or nested in arrays and plain objects (fan-in). */
export function collectRefs(value: unknown, into: TaskRef[] = []): TaskRef[] {
  if (isRef(value)) into.push(value);
  else if (Array.isArray(value)) for (const v of value) collectRefs(v, into);
  else if (isPlainObject(value)) for (const v of Object.values(value)) collectRefs(v, into);
  return into;
}

/** Replaces every reference in a value by `resolve(ref)`, keeping the structure. */
export function resolveRefs(value: unknown, resolve: (ref: TaskRef) => unknown): unknown {
  if (isRef(value)) return resolve(value);
  if (Array.isArray(value)) return value.map((v) => resolveRefs(v, resolve));
  if (isPlainObject(value)) return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, resolveRefs(v, resolve)]));
  return value;
}

/**
 * Argument names of a function from its source, so edges carry `key: "name"` like Prefect's.
 * Destructured or rest parameters have no single name; they get undefined and fall back to the index.
 */
export function parseArgNames(fn: (...args: any[]) => unknown): (string | undefined)[] {
  const source = Function.prototype.toString.call(fn);
  let params: string;
  const arrowSingle = source.match(/^(?:async\s+)?([A-Za-z_$][\w$]*)\s*=>/);
  if (arrowSingle) params = arrowSingle[1];
  else {
    const open = source.indexOf("(");
    if (open < 0) return [];
    let depth = 0;
    let close = open;
    for (let i = open; i < source.length; i++) {
      const ch = source[i];
      if (ch === "(" || ch === "[" || ch === "{") depth++;
      else if (ch === ")" || ch === "]" || ch === "}") {
        depth--;
        if (depth === 0) {
          close = i;
          break;
        }
      }
    }
    params = source.slice(open + 1, close);
  }
  const parts: string[] = [];
  let depth = 0;
  let current = "";
  for (const ch of params) {
    if ("([{".includes(ch)) depth++;
    if (")]}".includes(ch)) depth--;
    if (ch === "," && depth === 0) {
      parts.push(current);
      current = "";
    } else current += ch;
  }
  if (current.trim()) parts.push(current);
  return parts.map((p) => {
    const m = p.trim().match(/^([A-Za-z_$][\w$]*)\s*(?::[^=]*)?(?:=.*)?$/s);
    return m ? m[1] : undefined;
  });
}
