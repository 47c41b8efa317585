import { useQuery } from "@tanstack/react-query";
import { useMemo } from "react";
import { graphql } from "../../../core/gql/gql.ts";
import { flowGraphOptions, useFlowGraph } from "../../components/flow-graph.ts";
import { Schematic } from "../../components/schematic.tsx";
import type { NodeDecoration } from "../../components/schematic-node.tsx";
import { SkeletonRows } from "../../components/ui/card.tsx";
import { gqlQueryOptions } from "../../lib/gql-query.ts";
import { flowRunKeys } from "../../lib/keys.ts";
import { useLiveQuery } from "../../lib/live-query.ts";
import { mappedGroups, mappedOptions } from "./mapped.ts";

const RunStates = graphql(`
  query FlowRun_schematic($id: uuid!) {
    flow_run_by_pk(id: $id) {
      id
      flow_id
      task_runs(where: { map_index: { _eq: -1 } }) {
        id
        task_id
        state
      }
    }
  }
`);

/**
 * The flow's DAG with each task coloured by its task run's live state and linked to it; a mapped task
 * is one node counting its children. The graph itself is fetched once; only states and counts are live.
 */
export function RunSchematic({ runId }: { runId: string }) {
  const q = useLiveQuery(gqlQueryOptions(flowRunKeys.schematic(runId), RunStates, { id: runId }));
  const run = q.data?.flow_run_by_pk;
  const graph = useQuery({ ...flowGraphOptions(run?.flow_id ?? ""), enabled: Boolean(run?.flow_id) });
  const mapped = useLiveQuery(mappedOptions(runId));
  const groups = useMemo(() => mappedGroups(mapped.data), [mapped.data]);
  const groupIds = useMemo(() => new Set(groups.keys()), [groups]);
  const { nodes, edges } = useFlowGraph(graph.data?.flow_by_pk, groupIds);
  const decorations = useMemo(() => {
    const byTask = new Map<string, NodeDecoration>();
    for (const t of run?.task_runs ?? []) byTask.set(t.task_id, { state: t.state, href: `/task-run/${t.id}`, group: groups.get(t.task_id)?.counts });
    return byTask;
  }, [run?.task_runs, groups]);
  if (q.isPending || graph.isPending || mapped.isPending) return <SkeletonRows />;
  return <Schematic nodes={nodes} edges={edges} decorations={decorations} subject="run" />;
}
