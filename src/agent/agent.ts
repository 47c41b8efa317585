import { randomUUID } from "node:crypto";
import { hostname } from "node:os";
import type { TypedDocumentNode } from "@graphql-typed-document-node/core";
import type { TernClient } from "../client/client.ts";
import { TernConnectionError } from "../client/errors.ts";
import { must } from "../client/must.ts";
import type { Engine_RunFragment, Log_Level } from "../core/gql/graphql.ts";
import type { TernStorageKind } from "../core/flow-runtime.ts";
import { isFinished, isStateName } from "../core/states.ts";
import { ENGINE_ENV, type RunLog } from "../engine/protocol.ts";
import {
  AgentHeartbeat,
  ClaimRuns,
  NewestFlows,
  NewestScheduledRun,
  OwnSubmittedRuns,
  RegisterAgent,
  RunningTaskRuns,
  RunState,
  SetFlowRunStates,
  SetTaskRunStates,
  TenantQuery,
  WriteLogs,
} from "./documents.ts";
import type { EngineHandle, EngineLauncher } from "./launcher.ts";
import { followLikelyFlows } from "./likely-flows.ts";
import { type BackoffOptions, DEFAULT_BACKOFF, ServerLink } from "./server-link.ts";

export interface AgentOptions {
  name?: string;
  labels?: string[];
  maxConcurrent?: number;
  /** Slow poll while the live query is quiet (or down). */
  pollMs?: number;
  /** Liveness ping; every poll also refreshes `last_queried`. */
  heartbeatMs?: number;
  /** Where event lines go (default: stdout with a timestamp). */
  print?: (line: string) => void;
  /** Environment given to every engine (TERN_API and TERN_API_KEY are added). */
  engineEnv?: Record<string, string>;
  /** Waits between attempts while the server is unreachable. */
  reconnect?: BackoffOptions;
  /** Storage kinds this agent loads flow code from (default: local only). */
  allowStorage?: TernStorageKind[];
  /** With Git storage allowed: the repository URL prefixes it may clone from. */
  gitPrefixes?: string[];
}

interface InFlight {
  flowRunId: string;
  handle: EngineHandle;
  /** The agent stopped this engine itself (shutdown), so its exit is not the flow's fault. */
  stoppedByAgent: boolean;
}

/** One of the agent's lines about a run, keyed so that a copy sent twice (by engine and agent) is stored once. */
function agentLine(flowRunId: string, level: Log_Level, message: string): RunLog {
  return { flow_run_id: flowRunId, task_run_id: null, name: "agent", level, message, timestamp: new Date().toISOString(), idempotency_key: randomUUID() };
}

/** After SIGTERM, how long an engine gets before SIGKILL. */
const KILL_AFTER_MS = 3000;
export const AGENT_STOPPED_MESSAGE = "Agent stopped before the run finished";

/** The server never hands out more runs per request than this. */
const MAX_CLAIM = 25;

/**
 * The local agent: registers, wakes on new scheduled runs (live query, slow poll as fallback),
 * claims runs in one request (`claim_flow_runs`: a version-checked Submitted state per run, so no run
 * executes twice), hands each to an engine through its launcher, and watches the engine until the run
 * is over.
 */
export class LocalAgent {
  readonly name: string;
  readonly labels: string[];
  readonly maxConcurrent: number;
  readonly allowStorage: TernStorageKind[];
  readonly gitPrefixes: string[];
  agentId: string | undefined;
  /** How often engines heartbeat: the server says, when the agent registers (its zombie timeout decides). */
  engineHeartbeatMs: number | undefined;
  /** Claims another agent won first (version lock): how often this agent lost a race. */
  claimsLost = 0;
  private readonly inFlight = new Map<string, InFlight>();
  private stopping = false;
  private shutdown: Promise<void> | undefined;
  private forced = false;
  private force: (() => void) | undefined;
  private readonly forceSignal = new Promise<void>((resolve) => (this.force = resolve));
  private readonly wakers = new Set<() => void>();
  private pending = false;
  /** The live queries open now (see {@link keepLive}), closed on stop. */
  private readonly liveStreams = new Set<{ close(): void }>();
  private loop: Promise<void> | undefined;
  private readonly liveLoops: Promise<void>[] = [];
  private readonly link: ServerLink;
  /** When a claim request whose answer was lost with the connection was sent (it may have claimed runs). */
  private unsureClaimsSince: string | undefined;
  private tenantId: string | undefined;
  /** The last claim filled every slot it asked for (or lost some to a rival): more runs may be due. */
  private mayHaveMore = true;
  private heartbeat: NodeJS.Timeout | undefined;
  private readonly print: (line: string) => void;

  constructor(
    private readonly client: TernClient,
    private readonly launcher: EngineLauncher,
    private readonly options: AgentOptions = {},
  ) {
    this.name = options.name ?? "agent";
    this.labels = options.labels?.length ? options.labels : [hostname()];
    this.maxConcurrent = options.maxConcurrent ?? 4;
    this.allowStorage = options.allowStorage ?? ["local"];
    this.gitPrefixes = options.gitPrefixes ?? [];
    this.print = options.print ?? ((line) => console.log(`[${new Date().toISOString()}] ${line}`));
    this.link = new ServerLink(client.url, this.print, options.reconnect ?? DEFAULT_BACKOFF);
  }

  /** Registers and starts the loop; resolves once registered. */
  async start(): Promise<string> {
    const tenants = (await this.client.request(TenantQuery, {})).tenant;
    this.tenantId = tenants[0]?.id;
    const registered = await this.client.request(RegisterAgent, {
      input: { type: "LocalAgent", name: this.name, labels: this.labels, tenant_id: this.tenantId },
    });
    const agentId = must(registered.register_agent?.id, "agent id");
    this.agentId = agentId;
    const heartbeatSeconds = registered.register_agent?.flow_run_heartbeat_seconds;
    this.engineHeartbeatMs = heartbeatSeconds ? Math.round(heartbeatSeconds * 1000) : undefined;
    this.client.setHeader("X-PREFECT-AGENT-ID", agentId);
    this.print(`Agent "${this.name}" registered (id ${this.agentId}), labels [${this.labels.join(", ")}], up to ${this.maxConcurrent} runs at once, flow code from ${this.storageSummary()}`);
    this.heartbeat = setInterval(() => {
      this.client.request(AgentHeartbeat, { input: { agent_id: agentId } }).catch(() => {});
    }, this.options.heartbeatMs ?? 10_000);
    this.heartbeat.unref();
    this.liveLoops.push(this.keepLive(NewestScheduledRun, () => this.nudgeOnNewRun(), true));
    this.loop = this.run();
    const preload = this.launcher.preload?.bind(this.launcher);
    if (preload) {
      const policy = { storage: this.allowStorage, gitPrefixes: this.gitPrefixes };
      // A head start for first runs: a run loads its flow without it, so a failure here is not reported.
      const follow = followLikelyFlows(this.labels, policy, (flows) => preload(flows, this.engineEnv()));
      this.liveLoops.push(this.keepLive(NewestFlows, () => follow, false));
    }
    return agentId;
  }

  private storageSummary(): string {
    return this.allowStorage.map((kind) => (kind === "git" ? `git (${this.gitPrefixes.join(", ") || "no repository"})` : kind)).join(", ");
  }

  /** Number of runs being executed now. */
  get busy(): number {
    return this.inFlight.size;
  }

  /**
   * Keeps a live query open for as long as the agent runs: when the stream breaks (server restart,
   * network), it is opened again after a pause (the slow poll covers the gap of the run queue's).
   * `follow` makes the handler of one stream's answers; `report` says whether a failure other than
   * an unreachable server is worth a line (once).
   */
  private async keepLive<TData>(document: TypedDocumentNode<TData, Record<string, never>>, follow: () => (data: TData) => void, report: boolean) {
    let reported = !report;
    while (!this.stopping) {
      const live = this.client.subscribe(document, {});
      this.liveStreams.add(live);
      const onData = follow();
      try {
        for await (const data of live) onData(data);
      } catch (error) {
        // An unreachable server is reported once by the poll loop; anything else is worth one line.
        if (!this.stopping && !reported && !(error instanceof TernConnectionError)) {
          reported = true;
          this.print(`Live query unavailable (${error instanceof Error ? error.message : String(error)}); polling instead`);
        }
      } finally {
        this.liveStreams.delete(live);
      }
      await this.pause(this.link.isLost ? this.link.retryDelayMs : this.pollMs, false);
    }
  }

  /**
   * The run queue's handler: only a run not seen before is news. The answer also changes when this
   * agent claims the newest run (it leaves Scheduled), and asking again then would be a wasted round trip.
   */
  private nudgeOnNewRun(): (data: { flow_run: readonly { id: string }[] }) => void {
    let newest: string | undefined;
    return (data) => {
      const id = data.flow_run[0]?.id;
      if (id && id !== newest) this.nudge();
      newest = id ?? newest;
    };
  }

  private get pollMs(): number {
    return this.options.pollMs ?? 3000;
  }

  /** Ask for work now (new run scheduled, or a slot freed). */
  private nudge() {
    this.pending = true;
    for (const wake of this.wakers) wake();
  }

  /** Sleeps `ms`; stopping always ends it early, a nudge only when `wakeable`. */
  private pause(ms: number, wakeable: boolean): Promise<void> {
    if (this.stopping) return Promise.resolve();
    return new Promise<void>((resolve) => {
      const end = () => {
        clearTimeout(timer);
        this.wakers.delete(onWake);
        resolve();
      };
      const onWake = () => {
        if (wakeable || this.stopping) end();
      };
      const timer = setTimeout(end, ms);
      this.wakers.add(onWake);
    });
  }

  private async run() {
    while (!this.stopping) {
      this.pending = false;
      let found = 0;
      if (this.inFlight.size < this.maxConcurrent) {
        try {
          found = await this.pollOnce();
          this.link.reached();
        } catch (error) {
          if (error instanceof TernConnectionError) {
            // While the server is away, wait out the backoff instead of polling (or printing) on every nudge.
            await this.pause(this.link.failed(error), false);
            continue;
          }
          this.print(`Could not ask for runs: ${error instanceof Error ? error.message : String(error)}`);
        }
      }
      if (this.stopping) break;
      // Found work and room for more: ask again at once; otherwise sleep until nudged or the slow poll.
      if (found > 0 && this.mayHaveMore && this.inFlight.size < this.maxConcurrent) continue;
      if (this.pending) continue;
      await this.pause(this.pollMs, true);
    }
  }

  /** One round: claim as many due runs as there is room for, launch their engines. Returns how many started. */
  async pollOnce(): Promise<number> {
    let launched = await this.settleUnsureClaims();
    this.mayHaveMore = true;
    const room = Math.min(MAX_CLAIM, this.maxConcurrent - this.inFlight.size);
    if (room <= 0 || this.stopping) return launched;
    const sentAt = new Date().toISOString();
    let answer;
    try {
      answer = (
        await this.client.request(ClaimRuns, {
          input: {
            labels: this.labels,
            before: new Date(Date.now() + 1000).toISOString(),
            limit: room,
            storage: this.allowStorage,
            git_prefixes: this.gitPrefixes,
            // An engine ready to start from the claim's answer needs no Running request of its own.
            start: Math.min(room, this.launcher.readyToStart?.() ?? 0),
          },
        })
      ).claim_flow_runs;
    } catch (error) {
      if (error instanceof TernConnectionError) this.unsureClaimsSince ??= sentAt;
      throw error;
    }
    this.claimsLost += answer.lost;
    this.mayHaveMore = answer.flow_runs.length + answer.lost >= room;
    // Claimed runs are launched even if a stop began meanwhile: they are ours, and stop() waits for them.
    // The ones the claim started go first, to the engines that were ready for them.
    const started = (run: (typeof answer.flow_runs)[number]) => run.flow_run?.state === "Running";
    for (const run of [...answer.flow_runs.filter(started), ...answer.flow_runs.filter((r) => !started(r))]) {
      await this.launch(run.id, run.flow_run ?? undefined);
      launched++;
    }
    return launched;
  }

  /**
   * A claim request sent just before the connection broke may have claimed runs whose ids never
   * arrived. Once the server answers again, the runs Submitted to this agent since then (or started
   * by its claim: Running, or Cancelling since) and not in flight are launched instead of waiting for
   * the zombie killer (a Submitted run's engine still writes a version-checked Running, which guards
   * against running one twice; a started one is this agent's alone, as its claim made it so).
   */
  private async settleUnsureClaims(): Promise<number> {
    if (!this.unsureClaimsSince || !this.agentId) return 0;
    const runs = (await this.client.request(OwnSubmittedRuns, { agentId: this.agentId, since: this.unsureClaimsSince })).flow_run;
    this.unsureClaimsSince = undefined;
    let launched = 0;
    for (const run of runs) {
      if (this.inFlight.has(run.id)) continue;
      // Only a claim that started runs (for engines that start from its answer) leaves one Running,
      // or Cancelling since, without an engine.
      if (run.state !== "Submitted" && !this.launcher.readyToStart) continue;
      await this.launch(run.id, this.launcher.readyToStart ? run : undefined);
      launched++;
    }
    return launched;
  }

  /** The environment every engine gets for a run (and for preloading flows, see likely-flows.ts). */
  private engineEnv(): Record<string, string> {
    const env: Record<string, string> = {
      ...this.options.engineEnv,
      TERN_API: this.client.url,
      // The engine checks the storage again before loading any code: a run handed out by a server
      // that ignored the claim's storage filter still cannot make this agent run code it refuses.
      [ENGINE_ENV.allowStorage]: this.allowStorage.join(","),
      [ENGINE_ENV.gitPrefixes]: JSON.stringify(this.gitPrefixes),
    };
    if (this.engineHeartbeatMs) env[ENGINE_ENV.heartbeatMs] = String(this.engineHeartbeatMs);
    if (process.env.TERN_API_KEY) env.TERN_API_KEY = process.env.TERN_API_KEY;
    return env;
  }

  private async launch(flowRunId: string, claimed?: Engine_RunFragment) {
    const env = this.engineEnv();
    const submitted = (pid: number) => agentLine(flowRunId, "INFO", `Submitted for execution: PID: ${pid}`);
    let handle: EngineHandle;
    try {
      handle = await this.launcher.launch(flowRunId, env, { claimed, agentLines: (pid) => [submitted(pid)] });
    } catch (error) {
      const message = `Failed to start the flow-run process: ${error instanceof Error ? error.message : String(error)}`;
      this.print(`Flow run ${flowRunId}: ${message}`);
      await this.fail(flowRunId, message);
      return;
    }
    const entry: InFlight = { flowRunId, handle, stoppedByAgent: false };
    this.inFlight.set(flowRunId, entry);
    this.print(`Submitted flow run ${flowRunId} for execution: PID ${handle.pid}`);
    // An engine that took the line stores it with the run's first write; otherwise it is sent now.
    const handedLines = handle.agentLines;
    if (!handedLines) void this.sendLines([submitted(handle.pid)]);
    void handle.done.then(async ({ code, signal, stderr, agentLinesStored }) => {
      try {
        // The engine ended before storing the handed line: it is sent here, under the key it was
        // handed with (a copy the engine did store is not stored twice), before any failure line.
        if (handedLines && !agentLinesStored) await this.sendLines(handedLines);
        if (code !== 0) {
          const state = (await this.client.request(RunState, { id: flowRunId })).flow_run_by_pk?.state;
          if (!state || !isStateName(state) || !isFinished(state)) {
            const why = entry.stoppedByAgent ? AGENT_STOPPED_MESSAGE : `Flow-run process exited with ${signal ? `signal ${signal}` : `code ${code}`}${stderr ? `: ${stderr.split("\n").slice(-3).join(" ")}` : ""}`;
            await this.fail(flowRunId, why);
          }
        }
        this.print(`Flow run ${flowRunId} finished (${signal ? `signal ${signal}` : `exit ${code}`})`);
      } catch (error) {
        this.print(`Flow run ${flowRunId}: could not check its final state: ${error instanceof Error ? error.message : String(error)}`);
      } finally {
        // A freed slot matters only when the agent was full: with room left, due runs were claimed already.
        const wasFull = this.inFlight.size >= this.maxConcurrent;
        this.inFlight.delete(flowRunId);
        if (wasFull) this.nudge();
      }
    });
  }

  // Every write below is retried after a transport error, so each carries an idempotency key: a retry
  // of a write whose answer was lost is then the same write, not a second one (a doubled log line, or
  // a Failed → Failed refusal reported as a failure).
  private async fail(flowRunId: string, message: string) {
    this.log(flowRunId, "ERROR", message);
    // The engine died with its tasks: they would stay Running forever under a Failed flow run.
    await this.client
      .request(RunningTaskRuns, { flowRunId })
      .then(({ task_run }) =>
        task_run.length
          ? this.client.request(
              SetTaskRunStates,
              { input: { states: task_run.map((t) => ({ task_run_id: t.id, version: null, state: { type: "Failed", message }, idempotency_key: randomUUID() })) } },
              { retry: true },
            )
          : undefined,
      )
      .catch((error: unknown) => this.print(`Could not mark the task runs of flow run ${flowRunId} Failed: ${error instanceof Error ? error.message : String(error)}`));
    await this.client
      .request(SetFlowRunStates, { input: { states: [{ flow_run_id: flowRunId, version: null, state: { type: "Failed", message }, idempotency_key: randomUUID() }] } }, { retry: true })
      .catch((error: unknown) => this.print(`Could not mark flow run ${flowRunId} Failed: ${error instanceof Error ? error.message : String(error)}`));
  }

  /** Stores lines the agent made, retried through an outage; a failure is not the run's problem. */
  private sendLines(lines: RunLog[]): Promise<void> {
    return this.client.request(WriteLogs, { input: { logs: lines.map((l) => ({ ...l, level: l.level as Log_Level })) } }, { retry: true }).then(
      () => {},
      () => {},
    );
  }

  private log(flowRunId: string, level: Log_Level, message: string) {
    void this.sendLines([agentLine(flowRunId, level, message)]);
  }

  /**
   * Stops cleanly: no new claims at once; runs in flight get `graceMs` to finish on their own; those
   * still running are then stopped (SIGTERM, SIGKILL after a few seconds) and marked Failed with
   * {@link AGENT_STOPPED_MESSAGE}; idle warm engines exit. No orphan process, no run left Running.
   * {@link forceStop} cuts the grace short. Calling it again returns the same shutdown.
   */
  stop(graceMs = 5000): Promise<void> {
    this.shutdown ??= this.shutDown(graceMs);
    return this.shutdown;
  }

  /** Ends the grace period now and kills every engine (the second Ctrl-C). */
  forceStop(): Promise<void> {
    this.forced = true;
    this.force?.();
    for (const r of this.inFlight.values()) {
      r.stoppedByAgent = true;
      r.handle.stop(true);
    }
    return this.stop(0);
  }

  private async shutDown(graceMs: number): Promise<void> {
    this.stopping = true;
    clearInterval(this.heartbeat);
    for (const live of this.liveStreams) live.close();
    for (const wake of this.wakers) wake();
    await Promise.all([this.loop, ...this.liveLoops]);
    // A claim whose answer was lost just before the stop may have made runs ours: they are launched
    // like any claimed run (and get the grace below) instead of staying Submitted until the zombie
    // killer fails them. A forced stop runs nothing new.
    if (!this.forced) {
      await this.settleUnsureClaims().catch((error: unknown) =>
        this.print(`Could not look for runs claimed just before the stop: ${error instanceof Error ? error.message : String(error)}`),
      );
    }
    const running = () => [...this.inFlight.values()];
    const allDone = () => Promise.all(running().map((r) => r.handle.done));
    if (running().length && !this.forced && graceMs > 0) {
      this.print(`No longer claiming runs; waiting up to ${Math.round(graceMs / 100) / 10}s for ${running().length} running flow run(s) to finish`);
      let timer: NodeJS.Timeout | undefined;
      await Promise.race([allDone(), this.forceSignal, new Promise((r) => (timer = setTimeout(r, graceMs)))]);
      clearTimeout(timer);
    }
    const left = running();
    if (left.length) {
      this.print(`Stopping ${left.length} flow run(s) that did not finish`);
      for (const r of left) {
        r.stoppedByAgent = true;
        r.handle.stop(this.forced);
      }
      const timer = setTimeout(() => left.forEach((r) => r.handle.stop(true)), KILL_AFTER_MS);
      await allDone();
      clearTimeout(timer);
    }
    // The exit handlers mark stopped runs Failed; wait until they are done.
    while (this.inFlight.size) await new Promise((r) => setTimeout(r, 20));
    await this.launcher.close();
    this.print("Agent stopped");
  }
}
