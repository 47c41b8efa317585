import { useMemo } from "react";
import { graphql } from "../../../core/gql/gql.ts";
import { Schematic, useFlowGraph } from "../../components/schematic.tsx";
import { SkeletonRows } from "../../components/ui/card.tsx";
import { gqlQueryOptions } from "../../lib/gql-query.ts";
import { flowRunKeys } from "../../lib/keys.ts";
import { useLiveQuery } from "../../lib/live-query.ts";

const RunGraph = graphql(`
  query FlowRun_schematic($id: uuid!) {
    flow_run_by_pk(id: $id) {
      id
      task_runs(where: { map_index: { _eq: -1 } }) {
        id
        task_id
        state
      }
      flow {
        id
        ...Schematic_flow
      }
    }
  }
`);

/** The flow's DAG with each task coloured by its task run's live state. */
export function RunSchematic({ runId }: { runId: string }) {
  const q = useLiveQuery(gqlQueryOptions(flowRunKeys.schematic(runId), RunGraph, { id: runId }));
  const run = q.data?.flow_run_by_pk;
  const { nodes, edges } = useFlowGraph(run?.flow);
  const states = useMemo(() => new Map((run?.task_runs ?? []).map((t) => [t.task_id, t.state ?? null])), [run?.task_runs]);
  if (q.isPending) return <SkeletonRows />;
  return <Schematic nodes={nodes} edges={edges} states={states} />;
}
