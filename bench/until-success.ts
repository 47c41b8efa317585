import type { TernClient } from "../src/client/client.ts";
import { isFinished, isStateName } from "../src/core/states.ts";
import { WatchState } from "./documents.ts";

/** Resolves when the run reaches Success, as a live query pushes it; any other finished state throws. */
export async function untilSuccess(client: TernClient, id: string): Promise<void> {
  const live = client.subscribe(WatchState, { id });
  try {
    for await (const data of live) {
      const state = data.flow_run_by_pk?.state;
      if (state === "Success") return;
      if (isStateName(state) && isFinished(state)) throw new Error(`run ${id} ended ${state}`);
    }
  } finally {
    live.close();
  }
}
