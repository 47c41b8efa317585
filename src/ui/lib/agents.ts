import { type FlowRequirements, type FlowRuntime, flowRuntime } from "../../core/flow-runtime.ts";
import { asLabels, defaultRunLabels, type FlowLabelSources, labelsMatch } from "../../core/run-labels.ts";

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

/**
 * The server's claim rule (services/agents.ts): an agent takes a run when its labels include every
 * label of the run; a run without labels goes only to an agent without labels.
 */
export function agentCanRun(agentLabels: unknown, runLabels: unknown): boolean {
  return labelsMatch(asLabels(runLabels), asLabels(agentLabels));
}

/**
 * The labels a run of this flow gets when started without labels of its own: the server's order
 * (services/runs.ts) without the run's input.
 */
export const flowRunLabels: (flow: FlowLabelSources) => string[] = defaultRunLabels;

/**
 * The agents that could run some of these flows: an agent is in when its labels match the labels a
 * run of at least one flow gets by default. This is how the dashboard scopes its Agents tile to a project.
 */
export function agentsForFlows<A extends AgentLike>(agents: readonly A[], flows: readonly FlowLabelSources[]): A[] {
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
