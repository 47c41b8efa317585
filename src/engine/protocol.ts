import type { Engine_RunFragment } from "../core/gql/graphql.ts";
import type { Storage } from "../sdk/storage.ts";

/**
 * Everything an agent and the engines it starts say to each other, typed once. It lives with the
 * engine because the engine defines what it accepts, and the agent already depends on the engine
 * (it starts it): the agent imports this file, the engine never imports the agent. Three channels:
 * the environment every engine gets ({@link ENGINE_ENV}), the warm pool's IPC messages
 * ({@link AgentMessage} in, {@link EngineMessage} out), and the run log lines both sides write
 * ({@link RunLog}).
 */

/**
 * Environment through which an agent hands its decisions to each engine it starts: the heartbeat
 * the server derived from its zombie timeout, and the storage the agent allows (checked again by
 * the engine before it loads any code).
 */
export const ENGINE_ENV = {
  heartbeatMs: "TERN_HEARTBEAT_MS",
  allowStorage: "TERN_ALLOW_STORAGE",
  /** A JSON array of repository URL prefixes. */
  gitPrefixes: "TERN_GIT_PREFIXES",
} as const;

/** A run log line as the engine ships it (and the agent writes its own): keyed, so a line sent twice is stored once. */
export interface RunLog {
  flow_run_id: string;
  task_run_id: string | null;
  timestamp: string;
  name: string;
  level: string;
  message: string;
  /** Chosen once per line, so a batch re-sent after a lost answer is not stored twice. */
  idempotency_key: string;
}

/** Agent → warm engine: run this flow run (the engine answers {@link DoneMessage} when it is over). */
export interface RunMessage {
  type: "run";
  flowRunId: string;
  /** Set in the engine's environment for this run ({@link ENGINE_ENV}, TERN_API…). */
  env: Record<string, string>;
  /** The run as the agent's claim returned it: the engine skips its first read. */
  claimed?: Engine_RunFragment;
  /** The agent's lines about this run, stored with the run's first write. */
  agentLines?: RunLog[];
}

/** A flow the agent expects to run soon: where its file is, and the flow's name in it. */
export interface LikelyFlow {
  flowId: string;
  /** As stored on the flow row; only local storage is ever preloaded. */
  storage: Storage & { flow_name?: string };
  name: string;
}

/**
 * Agent → idle warm engine: import these flows' files now, so that their first run here does not
 * (the first import of a flow file is most of what a warm engine's first run costs over its tenth).
 * `env` is what the agent would hand a run ({@link RunMessage.env}): the file's top-level code sees
 * the same environment, and the storage policy in it is checked before anything is imported. A run
 * that arrives meanwhile waits for the preload to end; the preload's output goes nowhere.
 */
export interface PreloadMessage {
  type: "preload";
  flows: LikelyFlow[];
  env: Record<string, string>;
}

/** Warm engine → agent: loaded, and waiting for its first {@link RunMessage}. */
export interface ReadyMessage {
  type: "ready";
}

/** Warm engine → agent: the run is over; `code` 0 once its final state is reported. */
export interface DoneMessage {
  type: "done";
  flowRunId: string;
  code: number;
  /** The handed-over agent lines are stored; when false the agent sends them itself. */
  agentLinesStored: boolean;
  /**
   * This engine has imported its cap of flow modules (an imported module stays in memory for the
   * life of the process) and exits after this message, so the pool starts a fresh one.
   */
  retire?: boolean;
}

/** Warm engine → agent: a {@link PreloadMessage} is done; these flows' files are imported. */
export interface PreloadedMessage {
  type: "preloaded";
  flowIds: string[];
}

export type AgentMessage = RunMessage | PreloadMessage;
export type EngineMessage = ReadyMessage | DoneMessage | PreloadedMessage;
