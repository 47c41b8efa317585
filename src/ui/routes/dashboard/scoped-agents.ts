import { graphql } from "../../../core/gql/gql.ts";
import { agentListOptions } from "../../components/agents-query.ts";
import { agentsForFlows } from "../../lib/agents.ts";
import { gqlQueryOptions } from "../../lib/gql-query.ts";
import { flowKeys } from "../../lib/keys.ts";
import { useLiveQuery } from "../../lib/live-query.ts";

const FlowLabels = graphql(`
  query Dashboard_flowLabels($projectId: uuid!) {
    flow(where: { project_id: { _eq: $projectId }, archived: { _eq: false } }) {
      id
      run_config
      environment
      flow_group {
        id
        labels
        run_config
      }
    }
  }
`);

/**
 * The agents the dashboard shows: all of them, or with a project chosen, those that could run one of
 * its flows (the agent's labels match the labels a run of that flow gets; see `agentsForFlows`).
 */
export function useScopedAgents(projectId: string | null) {
  const agents = useLiveQuery(agentListOptions());
  const flows = useLiveQuery(gqlQueryOptions(flowKeys.labels(projectId ?? ""), FlowLabels, { projectId: projectId ?? "" }), { enabled: projectId !== null });
  const all = agents.data?.agent;
  const scoped = projectId === null ? all : all && flows.data ? agentsForFlows(all, flows.data.flow) : undefined;
  return {
    agents: scoped,
    scoped: projectId !== null,
    isPending: scoped === undefined && !agents.isError && !flows.isError,
    isError: agents.isError || (projectId !== null && flows.isError),
    refetch: () => Promise.all([agents.refetch(), projectId === null ? null : flows.refetch()]),
  };
}
