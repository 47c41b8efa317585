import { createHash } from "node:crypto";
import { mkdirSync, renameSync, rmSync, writeFileSync } from "node:fs";
import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { type GraphNode, isPlainObject } from "./graph.ts";
import { type LocalResultStore, ResultStoreError, toJson } from "./results.ts";

/**
 * Task caching (Prefect 1's `cache_for`): a task with `cacheFor` whose result was made less than
 * that long ago, for the same inputs, is not run again; the runner reports it Cached and hands the
 * kept result downstream.
 *
 * The cache lives beside the result store on the machine that runs the flow: one JSON file per
 * cache key, `<results dir>/cache/<sha256>.json`, holding the result and its expiry, written aside
 * and renamed so a reader never sees half a file. Files survive agent and engine restarts, need
 * no server round trip before a task starts, and serve `flow.run()` (which has no server) the same way.
 */

/** One cached result as its file holds it. */
interface CacheEntry {
  /** Who made it (for a person looking into the folder). */
  flow: string;
  task: string;
  createdAt: string;
  expiresAt: string;
  /** The flow run's parameters the task read while it ran, with their values then. */
  parameters: Record<string, unknown>;
  /** The parameters the task looked for and did not find. */
  missing: string[];
  /** Absent when the task returned nothing. */
  result?: unknown;
}

/** A valid cached result. */
export interface CacheHit {
  result: unknown;
  createdAt: string;
  expiresAt: string;
}

/** The cache files of one machine, under a result store's directory. */
export class TaskCache {
  readonly dir: string;
  private readonly maxBytes: number;

  constructor(
    store: Pick<LocalResultStore, "dir" | "maxBytes">,
    /** The clock deciding expiry (tests move it). */
    private readonly now: () => number = Date.now,
  ) {
    this.dir = join(store.dir, "cache");
    this.maxBytes = store.maxBytes;
  }

  private file(key: string): string {
    return join(this.dir, `${key}.json`);
  }

  /** The result cached under `key`, when it has not expired and the parameters it read are unchanged. */
  async lookup(key: string, parameters: Readonly<Record<string, unknown>>): Promise<CacheHit | undefined> {
    let entry: CacheEntry;
    try {
      entry = JSON.parse(await readFile(this.file(key), "utf8")) as CacheEntry;
    } catch {
      // None yet, or unreadable: the task runs and its result replaces the file.
      return undefined;
    }
    if (!(Date.parse(entry.expiresAt) > this.now())) {
      rmSync(this.file(key), { force: true });
      return undefined;
    }
    const sameParameters =
      Object.entries(entry.parameters ?? {}).every(([name, value]) => Object.hasOwn(parameters, name) && canonicalJson(parameters[name]) === canonicalJson(value)) &&
      (entry.missing ?? []).every((name) => !Object.hasOwn(parameters, name));
    if (!sameParameters) return undefined;
    return { result: entry.result, createdAt: entry.createdAt, expiresAt: entry.expiresAt };
  }

  /**
   * Keeps a result under `key` for `cacheFor` ms from now. Throws a {@link ResultStoreError} when it
   * cannot be kept (not plain JSON, too large, not written).
   */
  save(key: string, made: { flow: string; task: string; cacheFor: number; parameters: Record<string, unknown>; missing: string[] }, result: unknown): CacheHit {
    const now = this.now();
    const createdAt = new Date(now).toISOString();
    const expiresAt = new Date(now + made.cacheFor).toISOString();
    if (result !== undefined) toJson(result);
    const entry: CacheEntry = { flow: made.flow, task: made.task, createdAt, expiresAt, parameters: made.parameters, missing: made.missing, result };
    const text = JSON.stringify(entry);
    if (Buffer.byteLength(text) > this.maxBytes) {
      throw new ResultStoreError("RESULT_TOO_LARGE", `the result is larger than the result store's limit of ${this.maxBytes} bytes (TERN_RESULT_MAX_BYTES)`);
    }
    const file = this.file(key);
    const partial = `${file}.${process.pid}.partial`;
    try {
      mkdirSync(this.dir, { recursive: true });
      writeFileSync(partial, text);
      renameSync(partial, file);
    } catch (error) {
      throw new ResultStoreError("RESULT_NOT_WRITTEN", `could not write ${file}: ${(error as NodeJS.ErrnoException).code ?? String(error)}`);
    }
    return { result, createdAt, expiresAt };
  }
}

/**
 * JSON with object keys sorted, so equal values give equal text whatever order their keys were
 * set in. Throws a {@link ResultStoreError} for values JSON would change (see `toJson`).
 */
export function canonicalJson(value: unknown): string {
  if (value === undefined) return "null";
  toJson(value);
  return JSON.stringify(value, (_key, item: unknown) =>
    isPlainObject(item) ? Object.fromEntries(Object.entries(item).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) : item,
  );
}

/** A task's arguments by name (its parameter names), or by position where a name is unknown. */
export function namedInputs(node: GraphNode, args: unknown[]): Record<string, unknown> {
  const names = node.task?.argNames ?? [];
  return Object.fromEntries(args.map((value, i) => [names[i] ?? String(i), value]));
}

/**
 * The key a task call's result is cached under: by default the flow, the task (slug and source,
 * so an edited function does not reuse its old results) and its inputs; `cacheKey`'s string instead
 * when the task has one.
 */
export function cacheKeyOf(flowName: string, node: GraphNode, args: unknown[]): string {
  const def = node.task;
  if (!def?.cache) throw new Error(`Task "${node.slug}" has no cacheFor`);
  const identity = def.cache.cacheKey
    ? { key: String(def.cache.cacheKey(namedInputs(node, args))) }
    : { flow: flowName, task: node.slug, source: def.fn.toString(), inputs: args };
  return createHash("sha256").update(canonicalJson(identity)).digest("hex");
}

/** Records which names are read from a parameters object, so a cached result is tied to just those. */
function watchReads(parameters: Record<string, unknown>) {
  const read = new Set<string>();
  let readAll = false;
  const watched = new Proxy(parameters, {
    get(target, name, receiver) {
      if (typeof name === "string") read.add(name);
      return Reflect.get(target, name, receiver);
    },
    has(target, name) {
      if (typeof name === "string") read.add(name);
      return Reflect.has(target, name);
    },
    getOwnPropertyDescriptor(target, name) {
      if (typeof name === "string") read.add(name);
      return Reflect.getOwnPropertyDescriptor(target, name);
    },
    ownKeys(target) {
      readAll = true;
      return Reflect.ownKeys(target);
    },
  });
  const reads = () => {
    const names = readAll ? [...new Set([...Object.keys(parameters), ...read])] : [...read];
    const present = names.filter((name) => Object.hasOwn(parameters, name));
    return {
      parameters: Object.fromEntries(present.map((name) => [name, parameters[name]])),
      missing: names.filter((name) => !Object.hasOwn(parameters, name)),
    };
  };
  return { watched, reads };
}

/** What the runner needs to run one cached task call. */
export interface TaskCaching {
  /** A valid cached result: the task is not run. */
  hit?: CacheHit;
  /** The parameters to give the task (reads are recorded: the cached result depends on them). */
  parameters: Readonly<Record<string, unknown>>;
  /** Keeps a successful result; one that cannot be kept is reported through `warn`, and the run goes on. */
  keep(result: unknown): void;
}

/**
 * Looks up a task call with `cacheFor` in the cache. Undefined when its key cannot be made (an input
 * that is not plain JSON, a `cacheKey` that throws): `warn` says why and the task runs uncached.
 */
export async function openTaskCache(
  cache: TaskCache,
  call: { flowName: string; node: GraphNode; args: unknown[]; parameters: Record<string, unknown>; warn(message: string): void },
): Promise<TaskCaching | undefined> {
  const { node } = call;
  const cacheFor = node.task?.cache?.cacheFor ?? 0;
  const notCached = (error: unknown) =>
    call.warn(`The result of task "${node.slug}" could not be cached: ${error instanceof Error ? error.message : String(error)}`);
  let key: string;
  try {
    key = cacheKeyOf(call.flowName, node, call.args);
  } catch (error) {
    notCached(error);
    return undefined;
  }
  // A custom key is the whole identity; the default one also depends on the parameters the task reads.
  const byKeyOnly = Boolean(node.task?.cache?.cacheKey);
  const hit = await cache.lookup(key, byKeyOnly ? {} : call.parameters);
  const { watched, reads } = watchReads(call.parameters);
  return {
    hit,
    parameters: byKeyOnly ? call.parameters : watched,
    keep(result) {
      try {
        cache.save(key, { flow: call.flowName, task: node.slug, cacheFor, ...(byKeyOnly ? { parameters: {}, missing: [] } : reads()) }, result);
      } catch (error) {
        notCached(error);
      }
    },
  };
}

/** A Cached state's message: when its result was made and until when it holds. */
export function cachedMessage(hit: CacheHit): string {
  return `Using the cached result made at ${hit.createdAt}, valid until ${hit.expiresAt}.`;
}
