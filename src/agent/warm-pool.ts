import { type ChildProcess, fork } from "node:child_process";
import { doublingDelay } from "../client/retry.ts";
import type { AgentMessage, EngineMessage, LikelyFlow, PreloadMessage } from "../engine/protocol.ts";
import { ENGINE_EXEC_ARGV, ENGINE_WORKER, engineProcessEnv, type EngineExit, type EngineHandle, type EngineLauncher, type Handoff, tail } from "./launcher.ts";

/** How long a closing pool waits for an engine to exit on SIGTERM. */
const KILL_LINGERING_MS = 3000;
/**
 * How long an engine beyond the pool's size stays idle before it exits. Runs beyond the pool's size
 * start engines that then join it, so after one burst of runs an idle agent kept up to
 * `--max-concurrent` engines (~80 MiB each) for good.
 */
const SURPLUS_IDLE_MS = 60_000;

/**
 * The pause before starting another worker after `failures` in a row died before they were ready
 * (a broken install, a syntax error in the engine, no memory): doubling from 0.5 s to 30 s, so a
 * pool that cannot start engines does not fork one after another as fast as the machine allows.
 */
export function restartDelayMs(failures: number): number {
  return failures <= 0 ? 0 : doublingDelay(failures - 1, 500, 30_000);
}

interface Worker {
  child: ChildProcess;
  ready: Promise<void>;
  busy: boolean;
  wasReady: boolean;
  stderr: ReturnType<typeof tail>;
  /** Flows this worker has run or preloaded: it has imported their files, which a first run of one pays for. */
  flows: Set<string>;
  /** The {@link WarmPoolLauncher.preloads} generation this worker was last sent. */
  preloaded: number;
  /** Preloads sent and not answered yet; `preloading` resolves when none are left (or the worker exits). */
  unanswered: number;
  preloading: Promise<void>;
  preloadsAnswered?: () => void;
  /** Set while the worker is idle and the pool has more engines than its size: it exits when this fires. */
  surplusTimer?: NodeJS.Timeout;
  /** Told to exit as surplus: no longer counted as one of the pool's engines. */
  leaving?: boolean;
}

/**
 * Engine processes started before runs arrive (tsx and the engine already loaded), each running one
 * flow run at a time and reused. A worker that dies fails only its run; the pool refills itself.
 * Runs beyond the pool's size get a fresh worker, which joins the pool.
 */
export class WarmPoolLauncher implements EngineLauncher {
  private readonly idle: Worker[] = [];
  private readonly all = new Set<Worker>();
  private closed = false;
  /** Workers in a row that died before they were ready; reset by one that gets ready. */
  private startFailures = 0;
  private refillTimer: NodeJS.Timeout | undefined;
  /** The agent's likely flows (see preload), and how many times they changed. */
  private likely: PreloadMessage | undefined;
  private preloads = 0;

  /** `api`: the agent's server, which each engine reads once while warming up (engine/warm-up.ts). */
  constructor(private readonly options: { size: number; showFlowLogs?: boolean; workerEntry?: string; api?: string; surplusIdleMs?: number }) {
    for (let i = 0; i < options.size; i++) this.idle.push(this.startWorker());
  }

  private startWorker(): Worker {
    const child = fork(this.options.workerEntry ?? ENGINE_WORKER, this.options.api ? [this.options.api] : [], {
      execArgv: ENGINE_EXEC_ARGV,
      env: engineProcessEnv(),
      stdio: ["ignore", this.options.showFlowLogs ? "inherit" : "ignore", "pipe", "ipc"],
      // Own process group: a terminal Ctrl-C reaches the agent only, which decides what runs may finish.
      detached: true,
    });
    const stderr = tail();
    child.stderr?.on("data", (c: Buffer) => {
      stderr.push(c);
      if (this.options.showFlowLogs) process.stderr.write(c);
    });
    const ready = new Promise<void>((resolve, reject) => {
      const onMessage = (m: EngineMessage) => {
        if (m?.type === "ready") {
          child.off("message", onMessage);
          resolve();
        }
      };
      child.on("message", (m: EngineMessage) => {
        if (m?.type !== "preloaded") return;
        for (const id of m.flowIds) worker.flows.add(id);
        if (--worker.unanswered === 0) worker.preloadsAnswered?.();
      });
      child.once("exit", () => worker.preloadsAnswered?.());
      child.on("message", onMessage);
      child.once("exit", (code) => reject(new Error(`engine worker exited before it was ready (code ${code}): ${stderr.text}`)));
    });
    const worker: Worker = { child, ready, busy: false, wasReady: false, stderr, flows: new Set(), preloaded: 0, unanswered: 0, preloading: Promise.resolve() };
    ready.then(
      () => {
        worker.wasReady = true;
        this.startFailures = 0;
        this.sendPreload(worker);
      },
      () => {},
    );
    this.all.add(worker);
    child.once("exit", () => {
      this.all.delete(worker);
      const i = this.idle.indexOf(worker);
      if (i >= 0) this.idle.splice(i, 1);
      if (worker.wasReady) return this.refill();
      this.startFailures++;
      if (this.startFailures === 1) process.stderr.write(`tern agent: an engine process exited before it was ready; retrying with backoff. ${stderr.text.trim()}\n`);
      clearTimeout(this.refillTimer);
      this.refillTimer = setTimeout(() => this.refill(), restartDelayMs(this.startFailures));
      this.refillTimer.unref();
    });
    return worker;
  }

  /** Once `worker` has been idle a while, ends it if the pool still has more engines than its size. */
  private exitIfSurplus(worker: Worker) {
    if (this.engines <= this.options.size) return;
    worker.surplusTimer = setTimeout(() => {
      const i = this.idle.indexOf(worker);
      if (i < 0 || this.closed || this.engines <= this.options.size) return;
      this.idle.splice(i, 1);
      worker.leaving = true;
      worker.child.kill("SIGTERM");
    }, this.options.surplusIdleMs ?? SURPLUS_IDLE_MS);
    worker.surplusTimer.unref();
  }

  /** The pool's engine processes now, idle or busy (not counting those told to exit as surplus). */
  get engines(): number {
    let count = 0;
    for (const worker of this.all) if (!worker.leaving) count++;
    return count;
  }

  /** Starts workers until the pool (idle plus busy) is back to its size. */
  private refill() {
    while (!this.closed && this.idle.length + [...this.all].filter((w) => w.busy).length < this.options.size) this.idle.push(this.startWorker());
  }

  async launch(flowRunId: string, env: Record<string, string>, handoff: Handoff = {}): Promise<EngineHandle> {
    const worker = this.takeIdle(handoff.claimed?.flow?.id) ?? this.startWorker();
    clearTimeout(worker.surplusTimer);
    // Busy from now on, while a fresh worker still starts too: a refill meanwhile must count it.
    worker.busy = true;
    await worker.ready;
    if (handoff.claimed?.flow?.id) worker.flows.add(handoff.claimed.flow.id);
    const { child } = worker;
    const done = new Promise<EngineExit>((resolve) => {
      const onMessage = (m: EngineMessage) => {
        if (m?.type === "done" && m.flowRunId === flowRunId) finish({ code: m.code, signal: null, stderr: worker.stderr.text, agentLinesStored: m.agentLinesStored }, m.retire);
      };
      const onExit = (code: number | null, signal: NodeJS.Signals | null) => finish({ code: code ?? null, signal, stderr: worker.stderr.text });
      // A retiring engine exits after its run (it holds too many imported modules); its exit refills the pool.
      const finish = (result: EngineExit, retire = false) => {
        child.off("message", onMessage);
        child.off("exit", onExit);
        worker.busy = false;
        if (result.signal === null && child.exitCode === null && !retire && !this.closed) {
          this.idle.push(worker);
          this.sendPreload(worker);
          this.exitIfSurplus(worker);
        }
        resolve(result);
      };
      child.on("message", onMessage);
      child.once("exit", onExit);
    });
    const agentLines = handoff.agentLines?.(child.pid!);
    child.send({ type: "run", flowRunId, env, claimed: handoff.claimed, agentLines } satisfies AgentMessage);
    return {
      pid: child.pid!,
      done,
      agentLines,
      stop: (force) => child.kill(force ? "SIGKILL" : "SIGTERM"),
    };
  }

  /**
   * Idle ready workers import the likely flows' files now (engine/worker.ts checks the storage
   * policy in `env` first, and keeps the files' output out of every run); a worker that is busy,
   * or not ready yet, gets them when it is idle.
   */
  preload(flows: LikelyFlow[], env: Record<string, string>): void {
    this.likely = { type: "preload", flows, env };
    this.preloads++;
    for (const worker of this.idle) this.sendPreload(worker);
  }

  /** The flows last given to {@link preload}. */
  get likelyFlowIds(): string[] {
    return this.likely?.flows.map((f) => f.flowId) ?? [];
  }

  /** Sends the likely flows to `worker` if it is idle, ready and has not had them yet. */
  private sendPreload(worker: Worker) {
    if (!this.likely || worker.preloaded === this.preloads || !worker.wasReady || !this.idle.includes(worker) || this.closed || !worker.child.connected) return;
    worker.preloaded = this.preloads;
    if (worker.unanswered++ === 0) worker.preloading = new Promise<void>((resolve) => (worker.preloadsAnswered = resolve));
    worker.child.send(this.likely satisfies AgentMessage);
  }

  /**
   * Resolves once every engine of the pool is ready and done with the flows it was given to
   * preload: for benches and tests, which start runs only after a pool has warmed up. An engine that
   * dies before it is ready counts as settled.
   */
  async settled(): Promise<void> {
    await Promise.all([...this.all].map((w) => w.ready.catch(() => {})));
    // A worker's own ready handler ran first and sent it the likely flows, if any were known.
    await Promise.all([...this.all].map((w) => w.preloading));
  }

  /** Idle engines that are ready: each starts a run from the claim's answer (the worker passes it on) at once. */
  readyToStart(): number {
    return this.idle.filter((w) => w.wasReady).length;
  }

  /**
   * An idle worker, preferring one that has run or preloaded `flowId`: it has the flow's file
   * imported (5-30 ms the first time, more on a busy machine), so a flow's runs cost the same
   * whichever worker is free. Among those, the one idle for the shortest time: the code a run goes
   * through is compiled hotter in the engine that ran the last one (handing runs out in turn made
   * each engine's first runs slower than a single engine's).
   */
  private takeIdle(flowId: string | undefined): Worker | undefined {
    let i = flowId ? this.idle.findLastIndex((w) => w.flows.has(flowId)) : -1;
    // A ready engine before one still warming up: a run its claim started must not wait for a start.
    if (i < 0) i = this.idle.findLastIndex((w) => w.wasReady);
    return i >= 0 ? this.idle.splice(i, 1)[0] : this.idle.pop();
  }

  /** Ends every engine, idle or not: SIGTERM, then SIGKILL for one that lingers. */
  async close() {
    this.closed = true;
    clearTimeout(this.refillTimer);
    const exits = [...this.all].map((w) => new Promise((r) => (w.child.exitCode !== null || w.child.signalCode !== null ? r(null) : w.child.once("exit", r))));
    for (const w of this.all) w.child.kill("SIGTERM");
    const timer = setTimeout(() => this.all.forEach((w) => w.child.kill("SIGKILL")), KILL_LINGERING_MS);
    await Promise.all(exits);
    clearTimeout(timer);
  }
}
