import type { Agent_NewestFlowsSubscription } from "../core/gql/graphql.ts";
import { flowRuntime, type StoragePolicy, storageRefusal } from "../core/flow-runtime.ts";
import { defaultRunLabels, labelsMatch } from "../core/run-labels.ts";
import type { LikelyFlow } from "../engine/protocol.ts";

type FlowRow = Agent_NewestFlowsSubscription["flow"][number];

/** At most this many flows are preloaded: the newest registered, which a first Quick Run is most likely of. */
export const MAX_LIKELY_FLOWS = 8;

/**
 * Of the newest flows, those whose runs this agent would claim and run from a file on this machine:
 * local storage, allowed by `policy` (the check the engine makes before loading code), and labels
 * the agent's include. Newest first, at most {@link MAX_LIKELY_FLOWS}.
 */
export function likelyFlows(rows: readonly FlowRow[], agentLabels: readonly string[], policy: StoragePolicy): LikelyFlow[] {
  const flows: LikelyFlow[] = [];
  for (const row of rows) {
    const storage = row.storage as LikelyFlow["storage"] | null;
    if (storage?.type !== "Local" || typeof storage.path !== "string") continue;
    if (storageRefusal(flowRuntime(storage, row.run_config), policy)) continue;
    if (!labelsMatch(defaultRunLabels(row), agentLabels)) continue;
    flows.push({ flowId: row.id, storage, name: row.name });
    if (flows.length >= MAX_LIKELY_FLOWS) break;
  }
  return flows;
}

/**
 * The handler of the newest flows' live query: calls `onFlows` with the agent's likely flows when
 * they differ from the last it was called with (the answer also changes on registrations of flows
 * this agent would not run).
 */
export function followLikelyFlows(agentLabels: readonly string[], policy: StoragePolicy, onFlows: (flows: LikelyFlow[]) => void): (data: Agent_NewestFlowsSubscription) => void {
  let last = "";
  return (data) => {
    const flows = likelyFlows(data.flow, agentLabels, policy);
    const key = JSON.stringify(flows);
    if (key === last) return;
    last = key;
    onFlows(flows);
  };
}
