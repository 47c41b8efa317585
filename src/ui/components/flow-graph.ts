import { useMemo } from "react";
import { graphql } from "../../core/gql/gql.ts";
import type { FlowGraph_TasksQuery } from "../../core/gql/graphql.ts";
import { gqlQueryOptions } from "../lib/gql-query.ts";
import { flowKeys } from "../lib/keys.ts";
import type { GraphEdge, GraphNode } from "../lib/layout-graph.ts";
import { taskLabels } from "../lib/task-labels.ts";
import { GROUP_H, GROUP_W } from "./schematic-node.tsx";

const FlowGraph = graphql(`
  query FlowGraph_tasks($flowId: uuid!) {
    flow_by_pk(id: $flowId) {
      id
      tasks {
        id
        name
        slug
        mapped
      }
      edges {
        upstream_task_id
        downstream_task_id
      }
    }
  }
`);

/** A flow version's tasks and edges. They never change once registered, so one fetch serves every view. */
export const flowGraphOptions = (flowId: string) => ({ ...gqlQueryOptions(flowKeys.graph(flowId), FlowGraph, { flowId }), staleTime: Number.POSITIVE_INFINITY });

export type FlowGraphData = NonNullable<FlowGraph_TasksQuery["flow_by_pk"]>;

/**
 * A flow's tasks as schematic nodes (labels tell repeated names apart; `groups` are drawn as mapped
 * groups, bigger) and its edges. Stable while the flow and the set of groups are, so live updates of
 * states do not lay the graph out again.
 */
export function useFlowGraph(flow: FlowGraphData | null | undefined, groups: ReadonlySet<string> = NO_GROUPS) {
  const labels = useMemo(() => taskLabels(flow?.tasks ?? []), [flow?.tasks]);
  const groupKey = [...groups].sort().join(",");
  const nodes = useMemo<GraphNode[]>(
    () => (flow?.tasks ?? []).map((t) => ({ id: t.id, label: labels.get(t.id) ?? t.id, ...(groups.has(t.id) ? { width: GROUP_W, height: GROUP_H } : {}) })),
    [flow?.tasks, labels, groupKey],
  );
  const edges = useMemo<GraphEdge[]>(() => (flow?.edges ?? []).map((e) => ({ from: e.upstream_task_id, to: e.downstream_task_id })), [flow?.edges]);
  return { nodes, edges, labels };
}

const NO_GROUPS: ReadonlySet<string> = new Set();
