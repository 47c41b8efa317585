import { hostname } from "node:os";
import type { TernClient } from "../client/client.ts";
import { errorCode, TernApiError } from "../client/errors.ts";
import { must } from "../client/must.ts";
import type { Log_Level } from "../core/gql/graphql.ts";
import { isFinished, isStateName } from "../core/states.ts";
import { AgentHeartbeat, ClaimRun, NewestScheduledRun, RegisterAgent, RunState, RunsInQueue, RunVersions, TenantQuery, WriteLogs } from "./documents.ts";
import type { EngineHandle, EngineLauncher } from "./launcher.ts";

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
}

interface InFlight {
  flowRunId: string;
  handle: EngineHandle;
}

/**
 * The local agent: registers, wakes on new scheduled runs (live query, slow poll as fallback),
 * claims each run with a version-checked Submitted state so no run executes twice, hands it to an
 * engine through its launcher, and watches the engine until the run is over.
 */
export class LocalAgent {
  readonly name: string;
  readonly labels: string[];
  readonly maxConcurrent: number;
  agentId: string | undefined;
  private readonly inFlight = new Map<string, InFlight>();
  private stopping = false;
  private wake: (() => void) | undefined;
  private pending = false;
  private closeLive: (() => void) | undefined;
  private loop: Promise<void> | undefined;
  private tenantId: string | undefined;
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
    this.print = options.print ?? ((line) => console.log(`[${new Date().toISOString()}] ${line}`));
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
    this.client.setHeader("X-PREFECT-AGENT-ID", agentId);
    this.print(`Agent "${this.name}" registered (id ${this.agentId}), labels [${this.labels.join(", ")}], up to ${this.maxConcurrent} runs at once`);
    this.heartbeat = setInterval(() => {
      this.client.request(AgentHeartbeat, { input: { agent_id: agentId } }).catch(() => {});
    }, this.options.heartbeatMs ?? 10_000);
    this.heartbeat.unref();
    this.watchLive();
    this.loop = this.run();
    return agentId;
  }

  /** Number of runs being executed now. */
  get busy(): number {
    return this.inFlight.size;
  }

  private watchLive() {
    const live = this.client.subscribe(NewestScheduledRun, {});
    this.closeLive = () => live.close();
    (async () => {
      try {
        for await (const _ of live) this.nudge();
      } catch (error) {
        if (!this.stopping) this.print(`Live query unavailable (${error instanceof Error ? error.message : String(error)}); polling instead`);
      }
    })();
  }

  /** Ask for work now (new run scheduled, or a slot freed). */
  private nudge() {
    this.pending = true;
    this.wake?.();
  }

  private async run() {
    const pollMs = this.options.pollMs ?? 3000;
    while (!this.stopping) {
      this.pending = false;
      let found = 0;
      if (this.inFlight.size < this.maxConcurrent) {
        try {
          found = await this.pollOnce();
        } catch (error) {
          this.print(`Could not ask for runs: ${error instanceof Error ? error.message : String(error)}`);
        }
      }
      if (this.stopping) break;
      // Found work and room for more: ask again at once; otherwise sleep until nudged or the slow poll.
      if (found > 0 && this.inFlight.size < this.maxConcurrent) continue;
      if (this.pending) continue;
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, pollMs);
        this.wake = () => {
          clearTimeout(timer);
          resolve();
        };
      });
      this.wake = undefined;
    }
  }

  /** One round: ask the queue, claim what fits, launch engines. Returns how many runs were claimed. */
  async pollOnce(): Promise<number> {
    const queue = await this.client.request(RunsInQueue, {
      input: { tenant_id: this.tenantId, labels: this.labels, before: new Date(Date.now() + 1000).toISOString() },
    });
    const ids = (queue.get_runs_in_queue?.flow_run_ids ?? []).filter((id) => !this.inFlight.has(id));
    if (!ids?.length) return 0;
    const runs = (await this.client.request(RunVersions, { ids })).flow_run;
    let claimed = 0;
    for (const run of runs) {
      if (this.stopping || this.inFlight.size >= this.maxConcurrent) break;
      if (this.inFlight.has(run.id)) continue;
      if (await this.claim(run.id, run.version)) {
        claimed++;
        await this.launch(run.id);
      }
    }
    return claimed;
  }

  private async claim(flowRunId: string, version: number): Promise<boolean> {
    try {
      await this.client.request(ClaimRun, {
        input: { states: [{ flow_run_id: flowRunId, version, state: { type: "Submitted", message: "Submitted for execution" } }] },
      });
      return true;
    } catch (error) {
      // Another agent won the race: not an error, just not ours.
      const code = errorCode(error);
      if (code === "VERSION_LOCKING_ERROR" || code === "ALREADY_SUBMITTED" || (error instanceof TernApiError && /already (been )?submitted/i.test(error.message))) return false;
      throw error;
    }
  }

  private async launch(flowRunId: string) {
    const env: Record<string, string> = { ...this.options.engineEnv, TERN_API: this.client.url, TERN_FLOW_RUN_ID: flowRunId };
    if (process.env.TERN_API_KEY) env.TERN_API_KEY = process.env.TERN_API_KEY;
    let handle: EngineHandle;
    try {
      handle = await this.launcher.launch(flowRunId, env);
    } catch (error) {
      const message = `Failed to start the flow-run process: ${error instanceof Error ? error.message : String(error)}`;
      this.print(`Flow run ${flowRunId}: ${message}`);
      await this.fail(flowRunId, message);
      return;
    }
    this.inFlight.set(flowRunId, { flowRunId, handle });
    this.print(`Submitted flow run ${flowRunId} for execution: PID ${handle.pid}`);
    this.log(flowRunId, "INFO", `Submitted for execution: PID: ${handle.pid}`);
    void handle.done.then(async ({ code, signal, stderr }) => {
      try {
        if (code !== 0) {
          const state = (await this.client.request(RunState, { id: flowRunId })).flow_run_by_pk?.state;
          if (!state || !isStateName(state) || !isFinished(state)) {
            const why = this.stopping ? "Agent stopped" : `Flow-run process exited with ${signal ? `signal ${signal}` : `code ${code}`}${stderr ? `: ${stderr.split("\n").slice(-3).join(" ")}` : ""}`;
            await this.fail(flowRunId, why);
          }
        }
        this.print(`Flow run ${flowRunId} finished (${signal ? `signal ${signal}` : `exit ${code}`})`);
      } catch (error) {
        this.print(`Flow run ${flowRunId}: could not check its final state: ${error instanceof Error ? error.message : String(error)}`);
      } finally {
        this.inFlight.delete(flowRunId);
        this.nudge();
      }
    });
  }

  private async fail(flowRunId: string, message: string) {
    this.log(flowRunId, "ERROR", message);
    await this.client
      .request(ClaimRun, { input: { states: [{ flow_run_id: flowRunId, version: null, state: { type: "Failed", message } }] } }, { retry: true })
      .catch((error: unknown) => this.print(`Could not mark flow run ${flowRunId} Failed: ${error instanceof Error ? error.message : String(error)}`));
  }

  private log(flowRunId: string, level: Log_Level, message: string) {
    this.client
      .request(WriteLogs, { input: { logs: [{ flow_run_id: flowRunId, name: "agent", level, message, timestamp: new Date().toISOString() }] } }, { retry: true })
      .catch(() => {});
  }

  /**
   * Stops cleanly: no new claims, engines asked to stop (then killed after `graceMs`), unfinished
   * runs marked Failed ("Agent stopped"), launcher closed. No orphan processes.
   */
  async stop(graceMs = 5000): Promise<void> {
    if (this.stopping) return;
    this.stopping = true;
    clearInterval(this.heartbeat);
    this.closeLive?.();
    this.wake?.();
    await this.loop;
    const running = [...this.inFlight.values()];
    if (running.length) this.print(`Stopping ${running.length} running flow run(s)…`);
    for (const r of running) r.handle.stop(false);
    const all = Promise.all(running.map((r) => r.handle.done));
    const timer = setTimeout(() => running.forEach((r) => r.handle.stop(true)), graceMs);
    await all;
    clearTimeout(timer);
    // The exit handlers mark runs Failed; wait until they are done.
    while (this.inFlight.size) await new Promise((r) => setTimeout(r, 20));
    await this.launcher.close();
    this.print("Agent stopped");
  }
}
