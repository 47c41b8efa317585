import type { AppDeps } from "../graphql/context.ts";
import { finishTaskRuns } from "./runs.ts";
import { scheduleFlowRuns } from "./scheduler.ts";
import { nowIso } from "./rows.ts";
import { writeRunState } from "./states.ts";

/** Loops the server runs beside the API: the zombie killer and the scheduler. */

export const ZOMBIE_MESSAGE = "No heartbeat detected from the flow run process; marked failed.";
/** A run that was being cancelled when its process went silent has nothing left to stop. */
export const ZOMBIE_CANCELLED_MESSAGE = "No heartbeat detected from the flow run process while cancelling; marked cancelled.";

/**
 * Fails flow runs whose process went silent: Running or Submitted with a heartbeat (or, before the
 * first heartbeat, a state change) older than the timeout; a silent Cancelling run ends Cancelled.
 * Silence counts only while this server was `listeningSince`: after a restart (or an outage of the
 * database) the runs get a whole window to reach it again before any is judged dead, so a server
 * that was down never fails the runs that were waiting for it. Returns the ids it finished.
 */
export async function killZombies(deps: AppDeps, listeningSince = new Date(0)): Promise<string[]> {
  const cutoff = new Date(Date.now() - deps.config.zombieTimeoutSeconds * 1000).toISOString();
  if (listeningSince.toISOString() >= cutoff) return [];
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

/** Runs `pass` every `intervalMs`, never two at once; failures are logged and the loop goes on. */
function loop(name: string, intervalMs: number, pass: () => Promise<unknown>): () => void {
  let running = false;
  let stopped = false;
  const tick = () => {
    if (running || stopped) return;
    running = true;
    pass()
      .catch((error) => console.error(`[${nowIso()}] ${name} failed:`, error))
      .finally(() => {
        running = false;
      });
  };
  const timer = setInterval(tick, intervalMs);
  timer.unref();
  return () => {
    stopped = true;
    clearInterval(timer);
  };
}

/** How often the scheduler looks for active schedules (new runs are created well ahead of time). */
const SCHEDULER_INTERVAL_MS = 10_000;

export function startBackgroundServices(deps: AppDeps): () => void {
  const zombieIntervalMs = Math.max(200, Math.min(5000, (deps.config.zombieTimeoutSeconds * 1000) / 3));
  const listeningSince = new Date();
  const stops = [loop("zombie killer", zombieIntervalMs, () => killZombies(deps, listeningSince)), loop("scheduler", SCHEDULER_INTERVAL_MS, () => scheduleFlowRuns(deps))];
  return () => stops.forEach((stop) => stop());
}
