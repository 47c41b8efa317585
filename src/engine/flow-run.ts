import type { TernClient } from "../client/client.ts";
import type { Engine_RunFragment } from "../core/gql/graphql.ts";
import { errorCode } from "../client/errors.ts";
import { must } from "../client/must.ts";
import { isFinished, isStateName, isSuccessful, STATE_NAMES, type StateName } from "../core/states.ts";
import type { LogRecord } from "../sdk/context.ts";
import type { Flow } from "../sdk/flow.ts";
import type { GraphNode } from "../sdk/graph.ts";
import { type LocalResultStore, type ResultRecord, ResultStoreError, resultStoreFromEnv } from "../sdk/results.ts";
import { TaskCache } from "../sdk/cache.ts";
import { enterFlowRun } from "../sdk/shared-state.ts";
import { ENGINE_ENV, type RunLog } from "./protocol.ts";
import { captureOutput } from "./capture.ts";
import {
  FlowRunHeartbeat,
  FlowRunQuery,
  FlowRunStateQuery,
  FlowRunStateSubscription,
  KeptTaskRunsQuery,
  MappedTaskRuns,
  TaskRunInfo,
  WriteRunLogs,
} from "./documents.ts";
import { loadFlow, type StoredStorage } from "./load-flow.ts";
import { LogShipper } from "./log-shipper.ts";
import { type FoundTaskRun, keptChildren, keptTasks } from "./kept-tasks.ts";
import { describe, type FlowRunResult, resolveParameters, runFlow, type RunnerState } from "../sdk/runner.ts";
import { asLogInputs, RunWrites } from "./run-writes.ts";

const SUCCESSFUL_STATES: string[] = STATE_NAMES.filter(isSuccessful);

export type EngineOutcome = StateName | "NotFound" | "AlreadyFinished" | "LostClaim";

export interface EngineOptions {
  heartbeatMs?: number;
  /** Fallback poll for cancellation when the live query is unavailable. */
  cancelPollMs?: number;
  /**
   * When the engine starts watching for cancellation. Most runs are over sooner, and then never pay
   * for a live query (a request, and server work on each of their state changes); a run cancelled
   * earlier sees its Cancelling state as the watch's first answer.
   */
  cancelWatchAfterMs?: number;
  /**
   * The run as the agent's claim returned it (warm pool): the engine starts from it instead of
   * reading the run first. Its version guards the Running write like a fresh read's would.
   */
  claimed?: Engine_RunFragment;
  /**
   * The agent's lines about this run (warm pool), stored with the run's first write instead of in a
   * request of their own; `stored` tells the agent whether it still has to send them itself.
   */
  agentLines?: { lines: RunLog[]; stored: boolean };
  /** How long a running run's task states may wait to share a request (default {@link TASK_STATE_WINDOW_MS}). */
  taskStateWindowMs?: number;
  /** Where task results are kept for a restart (default: from the environment, see {@link resultStoreFromEnv}). */
  results?: LocalResultStore;
}

/**
 * A task state reaches the server at most this long after it happened while the run goes on; the
 * flow's final state never waits. Short enough for a live view, long enough that a short flow's
 * task states ride along with its final state.
 */
export const TASK_STATE_WINDOW_MS = 50;

/** Heartbeat when the agent did not say (an engine started by hand, an older server): the zombie timeout's default allows it. */
const DEFAULT_HEARTBEAT_MS = 10_000;

/** The heartbeat the server derived from its zombie timeout, handed down by the agent (TERN_HEARTBEAT_MS). */
function heartbeatMsFromEnv(): number {
  const ms = Number(process.env[ENGINE_ENV.heartbeatMs]);
  return Number.isFinite(ms) && ms > 0 ? ms : DEFAULT_HEARTBEAT_MS;
}

/**
 * Runs one flow run to its final state, reporting everything to the server: the flow-run process's
 * whole job. Returns the final state; throws only when the server itself cannot be reached.
 */
export async function executeFlowRun(client: TernClient, flowRunId: string, options: EngineOptions = {}): Promise<EngineOutcome> {
  // While it runs, the flow file's `flow.register()` does nothing; a warm engine's next run starts clean.
  const leave = enterFlowRun(flowRunId);
  try {
    return await claimAndRun(client, flowRunId, options);
  } finally {
    leave();
  }
}

async function claimAndRun(client: TernClient, flowRunId: string, options: EngineOptions): Promise<EngineOutcome> {
  if (options.claimed) {
    const outcome = await runFrom(client, flowRunId, options.claimed, options);
    if (outcome !== "LostClaim") return outcome;
  }
  const info = (await client.request(FlowRunQuery, { id: flowRunId })).flow_run_by_pk;
  if (!info) return "NotFound";
  // After a lost claim, only a cancel that came first is this engine's to finish (Cancelled); a run
  // someone else is running is left alone.
  if (options.claimed && info.state !== "Cancelling") return info.state && isStateName(info.state) && isFinished(info.state) ? "AlreadyFinished" : "LostClaim";
  return runFrom(client, flowRunId, info, options);
}

async function runFrom(client: TernClient, flowRunId: string, info: Engine_RunFragment, options: EngineOptions): Promise<EngineOutcome> {
  const current = info.state && isStateName(info.state) ? info.state : null;
  if (current && isFinished(current)) return "AlreadyFinished";
  const flowInfo = must(info.flow, "flow for the flow run");

  const shipper = new LogShipper(flowRunId, async (logs) => {
    await client.request(WriteRunLogs, { input: { logs: asLogInputs(logs) } }, { retry: true });
  });
  // State writes wait in `writes` for the next send, which also takes the queued log lines. Every
  // write carries a fresh idempotency key and is retried through a server outage.
  const writes = new RunWrites(client, shipper);
  /** A final flow state goes out with every held task state and log line. */
  const setFlowState = async (state: RunnerState) => {
    writes.holdFlowState(flowRunId, null, state);
    await writes.send();
  };
  const engineLog = (level: LogRecord["level"], message: string) =>
    shipper.add({ level, message, name: "engine", timestamp: new Date().toISOString() });
  const handed = options.agentLines;
  if (handed && !handed.stored) shipper.addKeyed(handed.lines);
  /** Once the queue is empty, the handed lines are stored (or were refused, which a resend would be too). */
  const noteHandedLines = () => {
    if (handed && shipper.backlog === 0) handed.stored = true;
  };

  if (current === "Cancelling") {
    await setFlowState({ type: "Cancelled", message: "Flow run was cancelled before it started." });
    noteHandedLines();
    return "Cancelled";
  }

  const restoreOutput = captureOutput((record) => shipper.add(record));
  const controller = new AbortController();
  let stopWatching = () => {};
  let heartbeat: NodeJS.Timeout | undefined;
  try {
    let flow: Flow;
    try {
      flow = await loadFlow(flowInfo.storage as StoredStorage, flowInfo.name);
    } catch (error) {
      const message = `Failed to load and execute flow run: ${describe(error)}`;
      engineLog("ERROR", message);
      await setFlowState({ type: "Failed", message });
      return "Failed";
    }

    // A run the agent's claim left Running was started by that claim (`claim_flow_runs` with `start`,
    // version-checked there): it is this engine's to run, and its task states wait in the window like
    // any running run's. Otherwise the engine starts the run itself: version-checked, and sent with
    // the first task's first state; when another engine (or a cancel) changed the run first, that
    // request stores nothing and the run is not ours to run.
    const startedByClaim = info === options.claimed && current === "Running";
    if (!startedByClaim) writes.holdFlowState(flowRunId, info.version, { type: "Running", message: "Running flow." });
    let started = startedByClaim;
    let lostClaim = false;
    /**
     * Why the run was stopped from outside: "Cancelling" (cancel_flow_run: the engine cancels its task
     * runs and ends the run Cancelled), another state someone set (a person or client ended the run:
     * the server cancelled its task runs if it is Cancelled, and the engine writes no more states), or
     * null when a write found the flow run no longer running and its state is still to be read.
     */
    let stoppedBy: string | null | undefined;
    const stop = (state: string | null) => {
      if (stoppedBy === undefined) stoppedBy = state;
      controller.abort();
    };
    const sendStart = async () => {
      try {
        await writes.send();
        started = true;
      } catch (error) {
        if (!started && errorCode(error) === "VERSION_LOCKING_ERROR") {
          lostClaim = true;
          controller.abort();
        }
        throw error;
      }
    };

    // One heartbeat at a time, retried through an outage: when a restarted server is back, a beat
    // lands within one backoff step, before its zombie killer's first sweep can judge the run.
    let beating = false;
    heartbeat = setInterval(() => {
      if (beating) return;
      beating = true;
      client
        .request(FlowRunHeartbeat, { input: { flow_run_id: flowRunId } }, { retry: true })
        .catch(() => {})
        .finally(() => (beating = false));
    }, options.heartbeatMs ?? heartbeatMsFromEnv());
    heartbeat.unref();
    let stopLive: (() => void) | undefined;
    const watchTimer = setTimeout(() => {
      stopLive = watchCancellation(client, flowRunId, stop, options.cancelPollMs ?? 2000);
    }, options.cancelWatchAfterMs ?? 1000);
    watchTimer.unref();
    stopWatching = () => {
      clearTimeout(watchTimer);
      stopLive?.();
    };

    const taskRuns = new Map(info.task_runs.map((tr) => [tr.task?.slug ?? "", { id: tr.id, version: tr.version, state: tr.state ?? null }]));
    const taskIds = new Map(flowInfo.tasks.map((t) => [t.slug ?? "", t.id]));
    const prepared = new Map<GraphNode, { id: string; version: number }>();
    /** Mapped tasks' children in map_index order; `state` follows what the engine wrote. */
    const children = new Map<GraphNode, { id: string; version: number; state: string | null }[]>();
    /** Children made and not finished yet: while any are left, their states go out within the window. */
    let openChildren = 0;
    const parameters = (info.parameters as Record<string, unknown> | null) ?? {};
    const results = options.results ?? resultStoreFromEnv();
    const taskLog = (node: GraphNode, level: LogRecord["level"], message: string) =>
      shipper.add({ level, message, name: "engine", timestamp: new Date().toISOString(), taskSlug: node.slug, taskRunId: taskRuns.get(node.slug)?.id });
    // A restarted run keeps what its earlier run finished: those tasks are done before it starts.
    // Only then are their states (with their results' locations) read: a first run has none.
    const found = new Map<string, FoundTaskRun>();
    const foundChildren = new Map<string, Map<number, FoundTaskRun>>();
    // A task run past its first version ran before: this is a restart (a mapped task's parent may have
    // been set back to Pending while children it made succeeded, so success alone does not tell).
    if (info.task_runs.some((tr) => tr.version > 0)) {
      const succeeded = await client.request(KeptTaskRunsQuery, { id: flowRunId, states: SUCCESSFUL_STATES }, { retry: true });
      for (const tr of succeeded.task_run) {
        const slug = tr.task?.slug ?? "";
        const run = { state: tr.state, serializedState: tr.serialized_state };
        if (tr.map_index < 0) found.set(slug, run);
        else foundChildren.set(slug, (foundChildren.get(slug) ?? new Map()).set(tr.map_index, run));
      }
    }
    const warnKept = (node: GraphNode, message: string) => taskLog(node, "WARNING", message);
    const finished = await keptTasks(flow, found, resolveParameters(flow, parameters), results, warnKept, foundChildren);
    const finishedChildren = await keptChildren(flow, finished, foundChildren, results, warnKept);
    const finishedNodes = new Set<GraphNode>(finished.keys());
    /** Stores a task's result; one that cannot be stored is logged, and a restart runs its task again. */
    const storeResult = (node: GraphNode, taskRunId: string, value: unknown, mapped: boolean): ResultRecord | undefined => {
      try {
        // A child's result goes into its parent's one file for all children (see results.ts).
        const parentTaskRunId = mapped ? prepared.get(node)?.id : undefined;
        return parentTaskRunId ? results.saveChild({ flowRunId, parentTaskRunId, taskRunId }, value) : results.save({ flowRunId, taskRunId }, value);
      } catch (error) {
        const why = error instanceof ResultStoreError ? `${error.code}: ${error.message}` : describe(error);
        taskLog(node, "WARNING", `The result of task "${node.slug}" is not stored (${why}); a restart from failed will run this task again.`);
        return undefined;
      }
    };

    const result = await runFlow(flow, {
      parameters,
      flowRunId,
      signal: controller.signal,
      finished,
      // Cached results sit beside the run results on this machine, so every flow run here shares them.
      cache: new TaskCache(results),
      keptChildren: finishedChildren,
      reporter: {
        async prepareTask(node) {
          let run = taskRuns.get(node.slug);
          if (!run) {
            const taskId = taskIds.get(node.slug);
            if (!taskId) throw new Error(`Task "${node.slug}" is not part of the registered flow; register the flow again.`);
            // Get-or-create: sending it twice finds the task run the first call made.
            const created = (await client.request(TaskRunInfo, { input: { flow_run_id: flowRunId, task_id: taskId, map_index: -1 } }, { retry: true }))
              .get_or_create_task_run_info;
            run = { id: must(created?.id, "task run id"), version: created?.version ?? 0, state: created?.state ?? null };
          }
          if (run.state && isStateName(run.state) && isFinished(run.state)) {
            // Finished in an earlier run and not kept (restart): back to Pending first, as a
            // finished run only leaves for a fresh start.
            writes.holdTaskState(run.id, null, { type: "Pending", message: "Running again in a restart of the flow run." });
            run.version += 1;
            run.state = "Pending";
          }
          prepared.set(node, { id: run.id, version: run.version });
          return { taskRunId: run.id };
        },
        async prepareChildren(node, count) {
          const taskId = must(taskIds.get(node.slug), "task id");
          const made = (await client.request(MappedTaskRuns, { input: { flow_run_id: flowRunId, task_id: taskId, count } }, { retry: true }))
            .get_or_create_mapped_task_runs.task_runs;
          const kept = finishedChildren.get(node);
          const runs = made.map((child) => {
            const run = { id: child.id, version: child.version, state: child.state ?? null };
            // A child an earlier run finished and this one runs again starts over from Pending, as a plain task does.
            if (!kept?.has(child.map_index) && run.state && isStateName(run.state) && isFinished(run.state)) {
              writes.holdTaskState(run.id, null, { type: "Pending", message: "Running again in a restart of the flow run." });
              run.version += 1;
              run.state = "Pending";
            }
            return run;
          });
          children.set(node, runs);
          openChildren += count - (kept?.size ?? 0);
          return { taskRunIds: runs.map((r) => r.id) };
        },
        async setTaskState(node, state, output, mapIndex) {
          const child = mapIndex === undefined ? undefined : children.get(node)?.[mapIndex];
          const run = child ?? prepared.get(node)!;
          if (output) {
            const stored = storeResult(node, run.id, output.result, child !== undefined);
            if (stored) state = { ...state, _result: stored };
          }
          if (started) {
            try {
              writes.throwIfFailed();
            } catch (error) {
              if (errorCode(error) !== "FLOW_RUN_NOT_RUNNING") throw error;
              return stop(null);
            }
          }
          writes.holdTaskState(run.id, state.type === "Running" ? run.version : null, state);
          run.version += 1;
          const ends = isStateName(state.type) && isFinished(state.type);
          if (child) {
            child.state = state.type;
            if (ends) openChildren -= 1;
          } else if (ends) finishedNodes.add(node);
          if (!started) return sendStart();
          // Once the run is ours, nothing waits on a task state: it goes out within the window, with
          // the states that follow it; the last task's final state waits for the flow's final state.
          if (finishedNodes.size < flow.nodes.length || openChildren > 0) writes.sendSoon(options.taskStateWindowMs ?? TASK_STATE_WINDOW_MS);
        },
        log(record) {
          shipper.add(record);
        },
      },
    }).catch(async (error: unknown): Promise<FlowRunResult> => {
      if (lostClaim) return { state: "Cancelled", message: "", tasks: {} };
      engineLog("ERROR", `Flow run crashed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
      return { state: "Failed", message: `Flow run crashed: ${describe(error)}`, tasks: {} };
    });
    results.closeFiles();

    stopWatching();
    if (lostClaim) return "LostClaim";
    try {
      await writes.settled();
      writes.throwIfFailed();
    } catch (error) {
      // A task state the server refused because the flow run no longer runs: cancelled, or ended by
      // someone. Any other refusal ends the run as a crash would.
      if (errorCode(error) === "FLOW_RUN_NOT_RUNNING") stop(null);
      else {
        engineLog("ERROR", `Flow run crashed: ${describe(error)}`);
        Object.assign(result, { state: "Failed", message: `Flow run crashed: ${describe(error)}` });
      }
    }
    if (stoppedBy !== undefined) {
      const now = stoppedBy ?? (await client.request(FlowRunStateQuery, { id: flowRunId })).flow_run_by_pk?.state;
      if (now !== "Cancelling") {
        writes.dropHeldStates();
        return "AlreadyFinished";
      }
      Object.assign(result, { state: "Cancelled", message: "Flow run was cancelled." });
    }
    if (result.state === "Cancelled") {
      writes.dropHeldTaskRunning();
      for (const [node, run] of prepared) {
        // A mapped parent is Mapped (finished) while its children still run: the engine's own record says so.
        if (!finishedNodes.has(node) && !isFinished(result.tasks[node.slug]?.state ?? "Pending")) writes.holdTaskState(run.id, null, { type: "Cancelled", message: "Flow run was cancelled." });
      }
      for (const run of [...children.values()].flat()) {
        if (!(run.state && isStateName(run.state) && isFinished(run.state))) writes.holdTaskState(run.id, null, { type: "Cancelled", message: "Flow run was cancelled." });
      }
    }
    writes.holdFlowState(flowRunId, null, { type: result.state, message: result.message });
    try {
      // A flow without tasks sends its held Running only now, with its final state.
      await (started ? writes.send() : sendStart());
    } catch (error) {
      if (lostClaim) return "LostClaim";
      // Someone ended the run between the engine's last look and this write (a person's Cancelled
      // after cancel_flow_run's Cancelling): its states are theirs.
      const code = errorCode(error);
      if (result.state === "Cancelled" && (code === "FLOW_RUN_NOT_RUNNING" || code === "INVALID_TRANSITION")) return "AlreadyFinished";
      // The run stopped running after the engine's last write (a cancel, or someone ended it) and the
      // final request, refused whole, stored nothing: a cancel still ends it Cancelled (the server
      // cancels its unfinished task runs), someone else's state is theirs.
      if (code === "FLOW_RUN_NOT_RUNNING") {
        if ((await client.request(FlowRunStateQuery, { id: flowRunId })).flow_run_by_pk?.state !== "Cancelling") return "AlreadyFinished";
        await setFlowState({ type: "Cancelled", message: "Flow run was cancelled." });
        return "Cancelled";
      }
      throw error;
    }
    return result.state;
  } finally {
    clearInterval(heartbeat);
    stopWatching();
    restoreOutput();
    await shipper.flush();
    noteHandedLines();
  }
}

/**
 * Calls `onStop` when the run turns Cancelling, or finished (a person or client set its state while
 * the engine ran it): live query first, polling if that fails.
 */
function watchCancellation(client: TernClient, flowRunId: string, onStop: (state: string) => void, pollMs: number): () => void {
  let stopped = false;
  let timer: NodeJS.Timeout | undefined;
  const check = (state: string | null | undefined) => {
    if (!stopped && state && (state === "Cancelling" || (isStateName(state) && isFinished(state)))) onStop(state);
  };
  const poll = () => {
    if (stopped) return;
    timer = setTimeout(async () => {
      try {
        check((await client.request(FlowRunStateQuery, { id: flowRunId })).flow_run_by_pk?.state);
      } catch {
        // a missed poll is fine; the next one retries
      }
      poll();
    }, pollMs);
    timer.unref();
  };
  const live = client.subscribe(FlowRunStateSubscription, { id: flowRunId });
  (async () => {
    try {
      for await (const data of live) check(data.flow_run_by_pk?.state);
    } catch {
      poll();
    }
  })();
  return () => {
    stopped = true;
    clearTimeout(timer);
    live.close();
  };
}
