import { useQuery } from "@tanstack/react-query";
import { useMemo } from "react";
import { graphql } from "../../../core/gql/gql.ts";
import { ErrorState } from "../../components/error-state.tsx";
import { type FlowGraphData, flowGraphOptions, useFlowGraph } from "../../components/flow-graph.ts";
import { Schematic, SchematicSizeGate } from "../../components/schematic.tsx";
import type { NodeDecoration } from "../../components/schematic-node.tsx";
import { SkeletonRows } from "../../components/ui/card.tsx";
import { gqlQueryOptions } from "../../lib/gql-query.ts";
import { flowRunKeys } from "../../lib/keys.ts";
import { useLiveQuery } from "../../lib/live-query.ts";
import { mappedGroups, mappedOptions } from "./mapped.ts";

const RunFlow = graphql(`
  query FlowRun_flowId($id: uuid!) {
    flow_run_by_pk(id: $id) {
      id
      flow_id
    }
  }
`);

const RunStates = graphql(`
  query FlowRun_schematic($id: uuid!) {
    flow_run_by_pk(id: $id) {
      id
      task_runs(where: { map_index: { _eq: -1 } }) {
        id
        task_id
        state
      }
    }
  }
`);

/** Which flow version a run runs never changes, so it is asked once. */
const runFlowOptions = (runId: string) => ({ ...gqlQueryOptions(flowRunKeys.flowOf(runId), RunFlow, { id: runId }), staleTime: Number.POSITIVE_INFINITY });

/**
 * The flow's DAG with each task coloured by its task run's live state and linked to it; a mapped task
 * is one node counting its children. The graph is fetched once; states and counts are live, and only
 * once the drawing is shown (a run past the size limit subscribes to nothing until "Draw anyway").
 */
export function RunSchematic({ runId }: { runId: string }) {
  const run = useQuery(runFlowOptions(runId));
  const flowId = run.data?.flow_run_by_pk?.flow_id;
  const graph = useQuery({ ...flowGraphOptions(flowId ?? ""), enabled: Boolean(flowId) });
  const flow = graph.data?.flow_by_pk;
  const failed = [run, graph].find((x) => x.isError && x.data === undefined);
  if (failed) return <ErrorState error={failed.error} onRetry={() => failed.refetch()} />;
  if (run.isPending || (flowId && graph.isPending)) return <SkeletonRows />;
  if (!flow) return <p className="text-sm text-muted-foreground">No tasks.</p>;
  return (
    <SchematicSizeGate tasks={flow.tasks.length} subject="run">
      <LiveRunSchematic runId={runId} flow={flow} />
    </SchematicSizeGate>
  );
}

function LiveRunSchematic({ runId, flow }: { runId: string; flow: FlowGraphData }) {
  const q = useLiveQuery(gqlQueryOptions(flowRunKeys.schematic(runId), RunStates, { id: runId }));
  const mapped = useLiveQuery(mappedOptions(runId));
  const groups = useMemo(() => mappedGroups(mapped.data), [mapped.data]);
  const groupIds = useMemo(() => new Set(groups.keys()), [groups]);
  const { nodes, edges } = useFlowGraph(flow, groupIds);
  const taskRuns = q.data?.flow_run_by_pk?.task_runs;
  const decorations = useMemo(() => {
    const byTask = new Map<string, NodeDecoration>();
    for (const t of taskRuns ?? []) byTask.set(t.task_id, { state: t.state, href: `/task-run/${t.id}`, group: groups.get(t.task_id)?.counts });
    return byTask;
  }, [taskRuns, groups]);
  const failed = [q, mapped].find((x) => x.isError && x.data === undefined);
  if (failed) return <ErrorState error={failed.error} onRetry={() => failed.refetch()} />;
  if (q.isPending || mapped.isPending) return <SkeletonRows />;
  return <Schematic nodes={nodes} edges={edges} decorations={decorations} />;
}
