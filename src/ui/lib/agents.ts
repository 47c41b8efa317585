import { type FlowRequirements, type FlowRuntime, flowRuntime } from "../../core/flow-runtime.ts";

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
  /** The Prefect 1 Python client sends its version with every request; Tern's agent sends none. */
  core_version?: string | null;
}

/** Which kind of agent this is: a Prefect 1 Python agent, or Tern's. */
export function agentRuntime(agent: AgentLike): FlowRuntime {
  return agent.core_version ? "python" : "tern";
}

function asLabels(value: unknown): string[] {
  return Array.isArray(value) ? value.filter((v): v is string => typeof v === "string") : [];
}

/**
 * The server's claim rule (services/agents.ts `labelsMatch`): an agent takes a run when its labels
 * include every label of the run; a run without labels goes only to an agent without labels.
 */
export function agentCanRun(agentLabels: unknown, runLabels: unknown): boolean {
  const have = asLabels(agentLabels);
  const need = asLabels(runLabels);
  if (need.length === 0) return have.length === 0;
  const set = new Set(have);
  return need.every((l) => set.has(l));
}

const labelsOf = (config: unknown): string[] | null => {
  const labels = config && typeof config === "object" ? (config as { labels?: unknown }).labels : undefined;
  return Array.isArray(labels) ? asLabels(labels) : null;
};

/** What the SPA reads of a flow to know the labels its runs get. */
export interface FlowLabelsLike {
  run_config?: unknown;
  environment?: unknown;
  flow_group?: { labels?: unknown; run_config?: unknown } | null;
}

/**
 * The labels a run of this flow gets when started without labels of its own: the server's order
 * (services/runs.ts) without the run's input: the flow group's labels, its run config's, the
 * flow's run config's, then its environment's.
 */
export function flowRunLabels(flow: FlowLabelsLike): string[] {
  const group = flow.flow_group;
  const labels = (Array.isArray(group?.labels) ? asLabels(group.labels) : null) ?? labelsOf(group?.run_config) ?? labelsOf(flow.run_config) ?? labelsOf(flow.environment) ?? [];
  return [...new Set(labels)].sort();
}

/**
 * The agents that could run some of these flows: an agent is in when its labels match the labels a
 * run of at least one flow gets by default. This is how the dashboard scopes its Agents tile to a project.
 */
export function agentsForFlows<A extends AgentLike>(agents: readonly A[], flows: readonly FlowLabelsLike[]): A[] {
  const labelSets = flows.map(flowRunLabels);
  return agents.filter((a) => labelSets.some((labels) => agentCanRun(a.labels, labels)));
}

/** The runs (Scheduled, say) whose labels this agent matches: the ones it could take now. */
export function runsAgentCouldTake<R extends { labels: unknown }>(agent: AgentLike, runs: readonly R[]): R[] {
  return runs.filter((r) => agentCanRun(agent.labels, r.labels));
}

export type RunAgentProblem =
  | "no-agent"
  | "no-label-match"
  /** Agents have the labels, but none of the kind the flow needs. */
  | { missing: FlowRuntime }
  /** A Tern agent can take it only if it allows Git storage from this repository. */
  | { gitRepository: string }
  | null;

/** The flow's storage and run config, which say which kind of agent can run it. */
export interface RunFlowLike {
  storage?: unknown;
  run_config?: unknown;
}

/** Why nobody will pick up a scheduled run, or null when a healthy agent can. */
export function runAgentProblem(runLabels: unknown, agents: readonly AgentLike[], now: number, flow?: RunFlowLike | null): RunAgentProblem {
  const healthy = agents.filter((a) => agentHealth(a.last_queried, now) === "healthy");
  if (healthy.length === 0) return "no-agent";
  const labelled = healthy.filter((a) => agentCanRun(a.labels, runLabels));
  if (labelled.length === 0) return "no-label-match";
  const needs: FlowRequirements = flow ? flowRuntime(flow.storage, flow.run_config) : { runtime: null };
  if (needs.runtime && !labelled.some((a) => agentRuntime(a) === needs.runtime)) return { missing: needs.runtime };
  // An agent's storage policy is its own: the dashboard cannot see it, so it names what is needed.
  if (needs.storage === "git") return { gitRepository: needs.repo ?? "" };
  return null;
}

/** The sentence the run page shows for a run still Scheduled. */
export function runAgentHint(problem: RunAgentProblem, runLabels: unknown): string {
  if (problem === "no-agent") return "Still scheduled: no healthy agent is running. Start one with `npx tern agent local start`.";
  if (problem === "no-label-match") {
    const labels = asLabels(runLabels);
    return labels.length
      ? `Still scheduled: no healthy agent has all of this run's labels (${labels.join(", ")}).`
      : "Still scheduled: the run has no labels, and only an agent without labels takes such a run; every healthy agent has labels.";
  }
  if (problem === null) return "Still scheduled: an agent can take it and should pick it up at its next poll.";
  if ("gitRepository" in problem) {
    return `Still scheduled: its flow's code is in Git (${problem.gitRepository}); a Tern agent takes it only when started with \`--allow-storage local,git --git-prefix <a prefix of that URL>\`.`;
  }
  return problem.missing === "python"
    ? "Still scheduled: its flow was registered by the Prefect 1 Python client and needs a Prefect 1 Python agent (`prefect agent local start`); the healthy agents with its labels are Tern agents."
    : "Still scheduled: its flow needs a Tern agent (`npx tern agent local start`); the healthy agents with its labels are Prefect 1 Python agents.";
}
