import { fileURLToPath } from "node:url";
import type { Engine_RunFragment } from "../core/gql/graphql.ts";
import type { LikelyFlow, RunLog } from "../engine/protocol.ts";

/** How an engine's run ended. `agentLinesStored`: the handed-over agent lines are stored. */
export interface EngineExit {
  code: number | null;
  signal: string | null;
  stderr: string;
  agentLinesStored?: boolean;
}

/** What the agent hands an engine along with the run id; a launcher may take none of it. */
export interface Handoff {
  /** The run as the claim returned it; an engine that can take it skips its first read. */
  claimed?: Engine_RunFragment;
  /**
   * The agent's own lines about this run, made once the engine's pid is known. An engine that takes
   * them stores them with its first write (one request fewer per run) and says so in `done`.
   */
  agentLines?: (pid: number) => RunLog[];
}

/** A running engine working on one flow run. */
export interface EngineHandle {
  pid: number;
  /** Resolves when the run is over: the process exited, or (warm pool) it reported the run done. */
  done: Promise<EngineExit>;
  /** The lines the engine took from {@link Handoff.agentLines}: the agent stores them itself when `done` says they were not. */
  agentLines?: RunLog[];
  /** Stops the run's engine (SIGTERM first, SIGKILL when `force`). */
  stop(force?: boolean): void;
}

/**
 * How the agent starts an engine for a run. Spawn-per-run and the warm pool are interchangeable
 * behind this, so the agent's claim/watch logic never depends on which one runs.
 */
export interface EngineLauncher {
  /**
   * How many runs this launcher can hand right now to an engine that is ready and starts from
   * {@link Handoff.claimed}: the agent's claim starts that many (Running) and their engines write no
   * Running of their own, so a short run costs one round trip fewer. Only engines that start within
   * moments count: a started run's silence is judged by the zombie timeout, while a Submitted one
   * whose process starts late gets the longer start window. A launcher whose engine reads the run
   * itself leaves this out, and its engine's version-checked Running is the start.
   */
  readyToStart?(): number;
  launch(flowRunId: string, env: Record<string, string>, handoff?: Handoff): Promise<EngineHandle>;
  /**
   * The flows the agent expects to run, newest first, with the environment it would give their runs:
   * a launcher whose engines outlive a run may import their files ahead of time.
   */
  preload?(flows: LikelyFlow[], env: Record<string, string>): void;
  close(): Promise<void>;
}

export const ENGINE_MAIN = fileURLToPath(new URL("../engine/main.ts", import.meta.url));
export const ENGINE_WORKER = fileURLToPath(new URL("../engine/worker.ts", import.meta.url));
/** tsx's loader, resolved from this package, so engines run TypeScript whatever the cwd. */
export const TSX_LOADER = import.meta.resolve("tsx");
const ENGINE_GUARD = import.meta.resolve("./engine-guard.ts");
/**
 * Run before tsx registers its loader, whose hooks run in a thread of their own with its own V8
 * heap: that heap gets a small young generation (1 MiB semi-spaces instead of growing to 4-8).
 * The thread only compiles flow files, a few at a time, and its young generation otherwise stayed
 * grown and committed (~6 MiB of each idle engine) long after the engine's start. V8 reads the flag
 * when a heap is made, so the engine's own heap, made before this runs, keeps the default, and the
 * guard (run after tsx) clears the flag for threads a flow starts.
 */
export const LOADER_THREAD_HEAP = `data:text/javascript,${encodeURIComponent('import { setFlagsFromString } from "node:v8"; setFlagsFromString("--max-semi-space-size=1");')}`;
/** Node flags of every engine process: TypeScript through tsx (its thread's heap kept small), and the orphan guard. */
export const ENGINE_EXEC_ARGV = ["--import", LOADER_THREAD_HEAP, "--import", TSX_LOADER, "--import", ENGINE_GUARD];

/**
 * glibc gives each thread that allocates its own malloc arena and keeps there what that thread
 * frees; an engine has a dozen threads (V8's, tsx's loader, libuv's) and its arenas held 10-16 MiB
 * of an idle engine, against ~9 MiB in one arena. Set for the engine process only (its guard takes
 * these out of the environment a flow sees) and never over the user's own setting.
 */
const ENGINE_PROCESS_ENV: Record<string, string> = { MALLOC_ARENA_MAX: "1" };
/** Names the launcher added to an engine's environment, for the engine's guard to remove. */
export const ENGINE_ADDED_ENV = "TERN_ENGINE_ADDED_ENV";

/** The environment an engine process starts with: `env` plus {@link ENGINE_PROCESS_ENV} where `env` has no say. */
export function engineProcessEnv(env: NodeJS.ProcessEnv = process.env): NodeJS.ProcessEnv {
  const added = Object.keys(ENGINE_PROCESS_ENV).filter((name) => env[name] === undefined);
  if (added.length === 0) return { ...env };
  return { ...env, ...Object.fromEntries(added.map((name) => [name, ENGINE_PROCESS_ENV[name]])), [ENGINE_ADDED_ENV]: added.join(",") };
}

/** Keeps the tail of a stream, for the failure message of a crashed engine. */
export function tail(limit = 2000) {
  let text = "";
  return {
    push(chunk: Buffer | string) {
      text = (text + chunk.toString()).slice(-limit);
    },
    get text() {
      return text.trim();
    },
  };
}
