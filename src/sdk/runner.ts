import type { StateName } from "../core/states.ts";
import { isSuccessful } from "../core/states.ts";
import { cachedMessage, openTaskCache, TaskCache } from "./cache.ts";
import { type LogRecord, taskScope } from "./context.ts";
import type { Flow } from "./flow.ts";
import { type GraphNode, resolveRefs } from "./graph.ts";
import { argumentValue, expandChildren, runMapped, upstreamOutcomes } from "./mapping.ts";
import { resultStoreFromEnv } from "./results.ts";
import { triggerFailureMessage, triggerPasses } from "./triggers.ts";

/**
 * Runs a flow's task graph: each task starts as soon as its upstream tasks finish (independent
 * tasks run concurrently), with triggers, retries and timeouts. Where the states go is the
 * reporter's business: the console for `flow.run()`, the server for the engine.
 */

export interface RunnerState {
  type: StateName;
  message: string;
  /** When a Retrying task will start again (ISO). */
  start_time?: string;
  run_count?: number;
  /** A Mapped state's number of children (Prefect 1's `n_map_states`), so a restart knows them all. */
  n_map_states?: number;
  /** Where a Success state's result was stored (Prefect 1's `_result`); see src/sdk/results.ts. */
  _result?: Record<string, unknown>;
  /** Until when a Cached state's result is valid (ISO), as Prefect 1 records it. */
  cached_result_expiration?: string;
}

export interface TaskReporter {
  /** Called once per task before its first state; returns the task run id if there is one. */
  prepareTask?(node: GraphNode): Promise<{ taskRunId?: string }>;
  /** A mapped task's `count` children, before its Mapped state; returns their task run ids in map_index order. */
  prepareChildren?(node: GraphNode, count: number): Promise<{ taskRunIds?: string[] }>;
  /**
   * `output` comes with a task's Success: the value it returned, for a result store to keep.
   * `mapIndex` is set for the states of a mapped task's child (the parent's own have none).
   */
  setTaskState(node: GraphNode, state: RunnerState, output?: { result: unknown }, mapIndex?: number): Promise<void>;
  log(record: LogRecord): void;
}

export interface TaskOutcome {
  state: StateName;
  message: string;
  result?: unknown;
  error?: unknown;
  /** Attempts made (0 when the task never started). */
  attempts: number;
  /** A mapped task's children in map_index order (its `result` is the list of theirs). */
  children?: TaskOutcome[];
}

export interface FlowRunResult {
  state: "Success" | "Failed" | "Cancelled";
  message: string;
  tasks: Record<string, TaskOutcome>;
}

export interface RunFlowOptions {
  parameters: Record<string, unknown>;
  reporter: TaskReporter;
  flowRunId?: string;
  /** Aborting stops new tasks from starting; the run ends Cancelled at once. */
  signal?: AbortSignal;
  /**
   * Tasks an earlier run of this flow run finished and keeps (restart from failed): they are not
   * run again and report no state; their outcome, with the result when one was loaded, stands.
   */
  finished?: ReadonlyMap<GraphNode, TaskOutcome>;
  /** Where tasks with `cacheFor` keep their results (default: beside the result store of the environment). */
  cache?: TaskCache;
  /** A restarted run's mapped tasks: the children, by map_index, its earlier run finished and keeps. */
  keptChildren?: ReadonlyMap<GraphNode, ReadonlyMap<number, TaskOutcome>>;
}

class TimeoutError extends Error {}

/** The flow run's parameters: the values given, then the flow's defaults for the others. */
export function resolveParameters(flow: Flow, given: Record<string, unknown>): Record<string, unknown> {
  const parameters: Record<string, unknown> = {};
  for (const p of flow.parameters()) {
    const def = p.parameter!;
    if (Object.hasOwn(given, p.name)) parameters[p.name] = given[p.name];
    else if (def.default !== null && def.default !== undefined) parameters[p.name] = def.default;
  }
  for (const [k, v] of Object.entries(given)) if (!(k in parameters)) parameters[k] = v;
  return parameters;
}

export async function runFlow(flow: Flow, options: RunFlowOptions): Promise<FlowRunResult> {
  const { reporter, signal } = options;
  const parameters = resolveParameters(flow, options.parameters);

  const outcomes = new Map<GraphNode, TaskOutcome>();
  const running = new Map<GraphNode, Promise<TaskOutcome>>();
  const upstreamOf = (node: GraphNode) => [...new Set(flow.edges.filter((e) => e.downstream === node).map((e) => e.upstream))];

  const cancelled = () => signal?.aborted === true;
  let cache = options.cache;
  const taskCache = () => (cache ??= new TaskCache(resultStoreFromEnv()));

  const runNode = (node: GraphNode): Promise<TaskOutcome> => {
    let promise = running.get(node);
    const kept = options.finished?.get(node);
    if (!promise && kept) {
      outcomes.set(node, kept);
      promise = Promise.resolve(kept);
      running.set(node, promise);
    }
    if (!promise) {
      promise = (async () => {
        const upNodes = upstreamOf(node);
        const ups = await Promise.all(upNodes.map(runNode));
        const outcome = await executeNode(node, upNodes, ups);
        outcomes.set(node, outcome);
        return outcome;
      })();
      running.set(node, promise);
    }
    return promise;
  };

  const executeNode = async (node: GraphNode, upNodes: GraphNode[], ups: TaskOutcome[]): Promise<TaskOutcome> => {
    if (cancelled()) return { state: "Cancelled", message: "Flow run was cancelled.", attempts: 0 };
    const prepared = (await reporter.prepareTask?.(node)) ?? {};
    if (node.kind === "parameter") {
      const name = node.name;
      if (!(name in parameters)) {
        const outcome: TaskOutcome = { state: "Failed", message: `Parameter "${name}" is required and was not given.`, attempts: 1 };
        await reporter.setTaskState(node, { type: "Failed", message: outcome.message });
        return outcome;
      }
      await reporter.setTaskState(node, { type: "Success", message: "Task run succeeded." });
      return { state: "Success", message: "Task run succeeded.", result: parameters[name], attempts: 1 };
    }
    const args = node.args.map((arg) => resolveRefs(arg, (ref) => argumentValue(outcomes.get(ref.node))));
    if (!node.mapped) return runTask(node, args, ups, prepared.taskRunId);
    return runMapped<TaskOutcome>(
      {
        node,
        args,
        upstream: upNodes.map((n, i) => ({ node: n, outcome: ups[i] })),
        kept: options.keptChildren?.get(node),
        prepareChildren: async (count) => (await reporter.prepareChildren?.(node, count))?.taskRunIds ?? [],
        setParentState: (state) => reporter.setTaskState(node, state),
        runChild: (mapIndex, childArgs, childUps, taskRunId) => runTask(node, childArgs, childUps, taskRunId, mapIndex),
      },
    );
  };

  /** One task run (a plain task, or one child of a mapped one): trigger, attempts, retries, timeout. */
  const runTask = async (node: GraphNode, args: unknown[], ups: TaskOutcome[], taskRunId: string | undefined, mapIndex?: number): Promise<TaskOutcome> => {
    const def = node.task!;
    const report = (state: RunnerState, output?: { result: unknown }) => reporter.setTaskState(node, state, output, mapIndex);
    if (!triggerPasses(def.trigger, upstreamOutcomes(ups))) {
      const message = triggerFailureMessage(def.trigger);
      await report({ type: "TriggerFailed", message });
      return { state: "TriggerFailed", message, attempts: 0 };
    }
    const warn = (message: string) =>
      reporter.log({ level: "WARNING", message, name: node.name, timestamp: new Date().toISOString(), taskSlug: node.slug, taskRunId });
    const caching = def.cache ? await openTaskCache(taskCache(), { flowName: flow.name, node, args, parameters, warn }) : undefined;
    if (caching?.hit) {
      const message = cachedMessage(caching.hit);
      await report({ type: "Cached", message, cached_result_expiration: caching.hit.expiresAt }, { result: caching.hit.result });
      return { state: "Cached", message, result: caching.hit.result, attempts: 0 };
    }
    let attempt = 0;
    for (;;) {
      attempt++;
      if (cancelled()) return { state: "Cancelled", message: "Flow run was cancelled.", attempts: attempt - 1 };
      await report({ type: "Running", message: "Starting task run.", run_count: attempt });
      try {
        const result = await callWithTimeout(node, args, {
          flowName: flow.name,
          flowRunId: options.flowRunId,
          taskRunId,
          taskSlug: node.slug,
          taskName: node.name,
          parameters: caching?.parameters ?? parameters,
          runCount: attempt,
          mapIndex,
          emit: (record) => reporter.log(record),
        });
        caching?.keep(result);
        await report({ type: "Success", message: "Task run succeeded." }, { result });
        return { state: "Success", message: "Task run succeeded.", result, attempts: attempt };
      } catch (error) {
        const timedOut = error instanceof TimeoutError;
        const message = timedOut ? error.message : `Error during execution of task: ${describe(error)}`;
        reporter.log({
          level: "ERROR",
          message: timedOut ? message : `Task "${mapIndex === undefined ? node.slug : `${node.slug}[${mapIndex}]`}" failed (attempt ${attempt}): ${error instanceof Error ? (error.stack ?? error.message) : describe(error)}`,
          name: node.name,
          timestamp: new Date().toISOString(),
          taskSlug: node.slug,
          taskRunId,
        });
        if (attempt <= def.maxRetries && !cancelled()) {
          const startTime = new Date(Date.now() + def.retryDelay).toISOString();
          await report({
            type: "Retrying",
            message: `Retrying Task (after attempt ${attempt} of ${def.maxRetries + 1})`,
            start_time: startTime,
            run_count: attempt,
          });
          if (def.retryDelay > 0) await sleep(def.retryDelay, signal);
          continue;
        }
        const type: StateName = timedOut ? "TimedOut" : "Failed";
        await report({ type, message });
        return { state: type, message, error, attempts: attempt };
      }
    }
  };

  const all = Promise.all(flow.nodes.map(runNode));
  if (signal) {
    const aborted = new Promise<"aborted">((resolve) => {
      if (signal.aborted) resolve("aborted");
      signal.addEventListener("abort", () => resolve("aborted"), { once: true });
    });
    if ((await Promise.race([all, aborted])) === "aborted") {
      return { state: "Cancelled", message: "Flow run was cancelled.", tasks: snapshot(flow, outcomes) };
    }
  } else await all;

  const tasks = snapshot(flow, outcomes);
  const reference = flow.referenceTasks();
  // A mapped reference task succeeds only if each of its children did.
  const ok = reference.every((n) => {
    const o = outcomes.get(n);
    return o !== undefined && expandChildren([o]).every((c) => isSuccessful(c.state));
  });
  return ok
    ? { state: "Success", message: "All reference tasks succeeded.", tasks }
    : { state: "Failed", message: "Some reference tasks failed.", tasks };
}

function snapshot(flow: Flow, outcomes: Map<GraphNode, TaskOutcome>): Record<string, TaskOutcome> {
  const tasks: Record<string, TaskOutcome> = {};
  for (const n of flow.nodes) tasks[n.slug] = outcomes.get(n) ?? { state: "Pending", message: "Not started.", attempts: 0 };
  return tasks;
}

async function callWithTimeout(node: GraphNode, args: unknown[], scope: Parameters<typeof taskScope.run>[0]): Promise<unknown> {
  const def = node.task!;
  const call = taskScope.run(scope, async () => def.fn(...args));
  if (def.timeout === undefined) return call;
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new TimeoutError(`Task timed out after ${def.timeout} ms.`)), def.timeout);
  });
  try {
    return await Promise.race([call, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(resolve, ms);
    signal?.addEventListener("abort", () => {
      clearTimeout(timer);
      resolve();
    }, { once: true });
  });
}

export function describe(error: unknown): string {
  if (error instanceof Error) return `${error.name === "Error" ? "" : `${error.name}: `}${error.message}`;
  return String(error);
}
