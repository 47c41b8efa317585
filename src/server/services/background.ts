import type { AppDeps } from "../graphql/context.ts";
import { finishTaskRuns } from "./runs.ts";
import { nowIso } from "./rows.ts";
import { writeRunState } from "./states.ts";

/** Loops the server runs beside the API. Returns a stop function. */

export const ZOMBIE_MESSAGE = "No heartbeat detected from the flow run process; marked failed.";
/** A run that was being cancelled when its process went silent has nothing left to stop. */
export const ZOMBIE_CANCELLED_MESSAGE = "No heartbeat detected from the flow run process while cancelling; marked cancelled.";

/**
 * Fails flow runs whose process went silent: Running or Submitted with a heartbeat (or, before the
 * first heartbeat, a state change) older than the timeout; a silent Cancelling run ends Cancelled.
 * Returns the ids it finished.
 */
export async function killZombies(deps: AppDeps): Promise<string[]> {
  const cutoff = new Date(Date.now() - deps.config.zombieTimeoutSeconds * 1000).toISOString();
  const suspects = await deps.db
    .selectFrom("flow_run")
    .select(["id", "version", "state"])
    .where("state", "in", ["Running", "Submitted", "Cancelling"])
    .where((eb) =>
      eb.or([eb("heartbeat", "<", cutoff), eb.and([eb("heartbeat", "is", null), eb("state_timestamp", "<", cutoff)])]),
    )
    .limit(100)
    .execute();
  const failed: string[] = [];
  for (const suspect of suspects) {
    try {
      const killed = await deps.db.transaction().execute(async (tx) => {
        // A heartbeat may have landed since the scan; it does not bump the version, so look again.
        const fresh = await tx.selectFrom("flow_run").select(["heartbeat", "state_timestamp"]).where("id", "=", suspect.id).executeTakeFirst();
        const last = fresh?.heartbeat ?? fresh?.state_timestamp;
        if (!fresh || (last && new Date(last as never).toISOString() >= cutoff)) return false;
        const state =
          suspect.state === "Cancelling"
            ? { type: "Cancelled" as const, message: ZOMBIE_CANCELLED_MESSAGE }
            : { type: "Failed" as const, message: ZOMBIE_MESSAGE };
        // The version read above: if the run moved meanwhile (a late heartbeat, a finish), leave it be.
        await writeRunState(tx, deps.dialect, "flow_run", suspect.id, { state, version: suspect.version, force: true });
        await finishTaskRuns(tx, deps, suspect.id, state);
        return true;
      });
      if (killed) failed.push(suspect.id);
    } catch {
      // Lost the race to the run's own update: it is alive, or someone else already failed it.
    }
  }
  if (failed.length) deps.events.publish(["flow_run", "flow_run_state", "task_run", "task_run_state"]);
  return failed;
}

export function startBackgroundServices(deps: AppDeps): () => void {
  const intervalMs = Math.max(200, Math.min(5000, (deps.config.zombieTimeoutSeconds * 1000) / 3));
  let running = false;
  let stopped = false;
  const timer = setInterval(() => {
    if (running || stopped) return;
    running = true;
    killZombies(deps)
      .catch((error) => console.error(`[${nowIso()}] zombie killer failed:`, error))
      .finally(() => {
        running = false;
      });
  }, intervalMs);
  timer.unref();
  return () => {
    stopped = true;
    clearInterval(timer);
  };
}
