import type { TernClient } from "../src/client/client.ts";
import { NewestRuns } from "./documents.ts";

/**
 * One live query over a flow's newest runs, opened before any run is triggered and kept open: the
 * counterpart of the peer's push channel (a WebSocket its bench opens once, on which each
 * execution's "finished" message arrives). Notes when each run is first pushed as Success.
 */
export function openPushChannel(client: TernClient, flowId: string) {
  const live = client.subscribe(NewestRuns, { flowId });
  const succeeded = new Map<string, number>();
  const waiting = new Map<string, () => void>();
  let opened!: () => void;
  const ready = new Promise<void>((resolve) => (opened = resolve));
  const done = (async () => {
    for await (const data of live) {
      const now = performance.now();
      opened();
      for (const run of data.flow_run) {
        if (run.state !== "Success" || succeeded.has(run.id)) continue;
        succeeded.set(run.id, now);
        waiting.get(run.id)?.();
      }
    }
  })().catch(() => {});
  return {
    /** Resolves once the channel has its first result. */
    ready,
    /** When (performance.now()) the channel first pushed run `id` as Success. */
    async success(id: string): Promise<number> {
      if (!succeeded.has(id)) await new Promise<void>((resolve) => waiting.set(id, resolve));
      return succeeded.get(id)!;
    },
    async close() {
      live.close();
      await done;
    },
  };
}
