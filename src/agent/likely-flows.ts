import type { TernClient } from "../client/client.ts";
import type { Agent_NewestFlowsSubscription } from "../core/gql/graphql.ts";
import { flowRuntime, type StoragePolicy, storageRefusal } from "../core/flow-runtime.ts";
import { defaultRunLabels, labelsMatch } from "../core/run-labels.ts";
import type { LikelyFlow } from "../engine/protocol.ts";
import { NewestFlows } from "./documents.ts";

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
 * Calls `onFlows` with the agent's likely flows now and after each registration, for as long as the
 * live query stays open; returns the function that closes it. A lost stream is not reopened: this
 * is a head start for first runs, and a run loads its flow without it.
 */
export function watchLikelyFlows(client: TernClient, agentLabels: readonly string[], policy: StoragePolicy, onFlows: (flows: LikelyFlow[]) => void): () => void {
  const live = client.subscribe(NewestFlows, {});
  void (async () => {
    let last = "";
    try {
      for await (const data of live) {
        const flows = likelyFlows(data.flow, agentLabels, policy);
        const key = JSON.stringify(flows);
        if (key === last) continue;
        last = key;
        onFlows(flows);
      }
    } catch {
      // The server went away: runs still load their flows themselves.
    }
  })();
  return () => live.close();
}
