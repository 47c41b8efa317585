/** An agent is healthy while it polled in the last 5 minutes (the Prefect UI's rule). */
export const HEALTHY_MS = 5 * 60_000;
const STALE_MS = 720 * 60_000;

export type AgentHealth = "healthy" | "stale" | "unhealthy";

export function agentHealth(lastQueried: string | null | undefined, now: number): AgentHealth {
  if (!lastQueried) return "unhealthy";
  const age = now - Date.parse(lastQueried);
  if (age < HEALTHY_MS) return "healthy";
  return age < STALE_MS ? "stale" : "unhealthy";
}

export interface AgentLike {
  labels: unknown;
  last_queried?: string | null;
}

function asLabels(value: unknown): string[] {
  return Array.isArray(value) ? value.filter((v): v is string => typeof v === "string") : [];
}

/** An agent can take a run when its labels include every label of the run. */
export function agentCanRun(agentLabels: unknown, runLabels: unknown): boolean {
  const have = new Set(asLabels(agentLabels));
  return asLabels(runLabels).every((l) => have.has(l));
}

export type RunAgentProblem = "no-agent" | "no-label-match" | null;

/** Why nobody will pick up a scheduled run, or null when a healthy agent can. */
export function runAgentProblem(runLabels: unknown, agents: readonly AgentLike[], now: number): RunAgentProblem {
  const healthy = agents.filter((a) => agentHealth(a.last_queried, now) === "healthy");
  if (healthy.length === 0) return "no-agent";
  return healthy.some((a) => agentCanRun(a.labels, runLabels)) ? null : "no-label-match";
}
