import { fileURLToPath } from "node:url";
import type { Engine_RunFragment } from "../core/gql/graphql.ts";

/** A running engine working on one flow run. */
export interface EngineHandle {
  pid: number;
  /** Resolves when the run is over: the process exited, or (warm pool) it reported the run done. */
  done: Promise<{ code: number | null; signal: string | null; stderr: string }>;
  /** Stops the run's engine (SIGTERM first, SIGKILL when `force`). */
  stop(force?: boolean): void;
}

/**
 * How the agent starts an engine for a run. Spawn-per-run and the warm pool are interchangeable
 * behind this, so the agent's claim/watch logic never depends on which one runs.
 */
export interface EngineLauncher {
  /** `claimed`: the run as the claim returned it; an engine that can take it skips its first read. */
  launch(flowRunId: string, env: Record<string, string>, claimed?: Engine_RunFragment): Promise<EngineHandle>;
  close(): Promise<void>;
}

export const ENGINE_MAIN = fileURLToPath(new URL("../engine/main.ts", import.meta.url));
export const ENGINE_WORKER = fileURLToPath(new URL("../engine/worker.ts", import.meta.url));
/** tsx's loader, resolved from this package, so engines run TypeScript whatever the cwd. */
export const TSX_LOADER = import.meta.resolve("tsx");
const ENGINE_GUARD = import.meta.resolve("./engine-guard.ts");
/** Node flags of every engine process: TypeScript through tsx, and the orphan guard. */
export const ENGINE_EXEC_ARGV = ["--import", TSX_LOADER, "--import", ENGINE_GUARD];

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
