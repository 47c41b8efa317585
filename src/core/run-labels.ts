/**
 * Which agents run which flow runs, by labels: the rule the server's claim applies
 * (services/agents.ts) and the labels a new run gets (services/runs.ts), for the programs that have
 * to guess ahead of a run (an agent preloading the flows it will likely run, the dashboard scoping its
 * Agents tile and saying why a run waits).
 */

/** The strings of a stored label list (anything else in it is not a label). */
export function asLabels(value: unknown): string[] {
  return Array.isArray(value) ? value.filter((v): v is string => typeof v === "string") : [];
}

const labelsOf = (config: unknown): string[] | null => {
  const labels = config && typeof config === "object" ? (config as { labels?: unknown }).labels : undefined;
  return Array.isArray(labels) ? asLabels(labels) : null;
};

/** What is read of a flow to know the labels its runs get. */
export interface FlowLabelSources {
  run_config?: unknown;
  environment?: unknown;
  flow_group?: { labels?: unknown; run_config?: unknown } | null;
}

/**
 * The labels a run of this flow gets when started without labels of its own, sorted: the flow
 * group's, then its run config's, the flow's run config's, its environment's.
 *
 * @example defaultRunLabels({ flow_group: { labels: ["gpu", "eu"] } }) // ["eu", "gpu"]
 */
export function defaultRunLabels(flow: FlowLabelSources): string[] {
  const group = flow.flow_group;
  const labels = (Array.isArray(group?.labels) ? asLabels(group.labels) : null) ?? labelsOf(group?.run_config) ?? labelsOf(flow.run_config) ?? labelsOf(flow.environment) ?? [];
  return [...new Set(labels)].sort();
}

/**
 * A run goes to an agent whose labels include all of the run's; an unlabelled run only to an
 * unlabelled agent.
 *
 * @example labelsMatch(["eu"], ["eu", "gpu"]) // true
 */
export function labelsMatch(runLabels: readonly string[], agentLabels: readonly string[]): boolean {
  if (runLabels.length === 0) return agentLabels.length === 0;
  const agent = new Set(agentLabels);
  return runLabels.every((label) => agent.has(label));
}
