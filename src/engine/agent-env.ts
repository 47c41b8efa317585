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
