import type { AppDeps } from "../deps.ts";
import { serviceErrorCode } from "./errors.ts";
import { startNotificationDeliverer } from "./notification-deliverer.ts";
import { finishTaskRuns } from "./runs.ts";
import { scheduleFlowRuns } from "./scheduler.ts";
import { nowIso } from "./rows.ts";
import { writeRunState } from "./states.ts";

/** Loops the server runs beside the API: the zombie killer, the scheduler and the notification deliverer. */

export const ZOMBIE_MESSAGE = "No heartbeat detected from the flow run process; marked failed.";
/** A run that was being cancelled when its process went silent has nothing left to stop. */
export const ZOMBIE_CANCELLED_MESSAGE = "No heartbeat detected from the flow run process while cancelling; marked cancelled.";
/** How often a run is rescheduled because its process did not start before it is failed instead (Prefect's Lazarus: 3). */
export const MAX_START_RESCHEDULES = 3;

export function startRescheduledMessage(windowSeconds: number, attempt: number): string {
  return `Rescheduled: the flow-run process did not start within ${windowSeconds} s of submission (reschedule ${attempt} of ${MAX_START_RESCHEDULES}).`;
}

export function startFailedMessage(windowSeconds: number): string {
  return (
    `The flow-run process did not start within ${windowSeconds} s of submission, ${MAX_START_RESCHEDULES + 1} times; marked failed. ` +
    "Check that the agent's machine can start it (load, slow imports, image pulls) or raise TERN_START_TIMEOUT."
  );
}

/** What the killer did to each run it judged. */
export interface KilledRuns {
  /** Started runs that went silent: Failed (Cancelled when they were being cancelled). */
  failed: string[];
  /** Submitted runs whose process never started: Scheduled again for an agent to take. */
  rescheduled: string[];
  /** Submitted runs whose process never started, too many times: Failed. */
  neverStarted: string[];
}

/**
 * Judges silent flow runs, with two windows. A run that started (Running, Cancelling, or Submitted
 * with a heartbeat since its submission) and has been silent for the zombie timeout is failed (a
 * silent Cancelling run ends Cancelled). A Submitted run whose process has not started yet (no
 * heartbeat since submission) is not a zombie: a busy machine, slow imports or an image pull start
 * late. After the start window it is rescheduled, up to {@link MAX_START_RESCHEDULES} times, then
 * failed. Silence counts only while this server was `listeningSince`: after a restart (or an outage
 * of the database) the runs get a whole window to reach it again before any is judged, so a server
 * that was down never fails the runs that were waiting for it.
 */
export async function killZombies(deps: AppDeps, listeningSince = new Date(0)): Promise<KilledRuns> {
  const result: KilledRuns = { failed: [], rescheduled: [], neverStarted: [] };
  const cutoff = new Date(Date.now() - deps.config.zombieTimeoutSeconds * 1000).toISOString();
  if (listeningSince.toISOString() < cutoff) await failSilentRuns(deps, cutoff, result);
  const startCutoff = new Date(Date.now() - deps.config.startTimeoutSeconds * 1000).toISOString();
  if (listeningSince.toISOString() < startCutoff) await rescheduleUnstartedRuns(deps, startCutoff, result);
  if (result.failed.length + result.rescheduled.length + result.neverStarted.length) {
    deps.events.publish(["flow_run", "flow_run_state", "task_run", "task_run_state"]);
  }
  return result;
}

async function failSilentRuns(deps: AppDeps, cutoff: string, result: KilledRuns) {
  const suspects = await deps.db
    .selectFrom("flow_run")
    .select(["id", "version", "state"])
    .where((eb) =>
      eb.or([
        eb.and([
          eb("state", "in", ["Running", "Cancelling"]),
          eb.or([eb("heartbeat", "<", cutoff), eb.and([eb("heartbeat", "is", null), eb("state_timestamp", "<", cutoff)])]),
        ]),
        eb.and([eb("state", "=", "Submitted"), eb("heartbeat", "<", cutoff), eb("heartbeat", ">=", eb.ref("state_timestamp"))]),
      ]),
    )
    .limit(100)
    .execute();
  for (const suspect of suspects) {
    try {
      const killed = await deps.db.transaction().execute(async (tx) => {
        // A heartbeat may have landed since the scan; it does not bump the version, so look again.
        const fresh = await tx.selectFrom("flow_run").select(["heartbeat", "state_timestamp"]).where("id", "=", suspect.id).executeTakeFirst();
        const last = fresh?.heartbeat ?? fresh?.state_timestamp;
        if (!fresh || (last && new Date(last).toISOString() >= cutoff)) return false;
        const state =
          suspect.state === "Cancelling"
            ? { type: "Cancelled" as const, message: ZOMBIE_CANCELLED_MESSAGE }
            : { type: "Failed" as const, message: ZOMBIE_MESSAGE };
        // The version read above: if the run moved meanwhile (a late heartbeat, a finish), leave it be.
        await writeRunState(tx, deps.dialect, "flow_run", suspect.id, { state, version: suspect.version, force: true });
        await finishTaskRuns(tx, deps, suspect.id, state);
        return true;
      });
      if (killed) result.failed.push(suspect.id);
    } catch (error) {
      unlessRunMoved(error, `cannot fail silent flow run ${suspect.id}`);
    }
  }
}

async function rescheduleUnstartedRuns(deps: AppDeps, startCutoff: string, result: KilledRuns) {
  const window = deps.config.startTimeoutSeconds;
  const suspects = await deps.db
    .selectFrom("flow_run")
    .select(["id", "version", "times_resurrected"])
    .where("state", "=", "Submitted")
    .where("state_timestamp", "<", startCutoff)
    .where((eb) => eb.or([eb("heartbeat", "is", null), eb("heartbeat", "<", eb.ref("state_timestamp"))]))
    .limit(100)
    .execute();
  for (const suspect of suspects) {
    const resurrected = Number(suspect.times_resurrected ?? 0);
    const giveUp = resurrected >= MAX_START_RESCHEDULES;
    try {
      await deps.db.transaction().execute(async (tx) => {
        // Versioned: a process that started meanwhile (its Running state) or a cancel wins.
        if (giveUp) {
          const state = { type: "Failed" as const, message: startFailedMessage(window) };
          await writeRunState(tx, deps.dialect, "flow_run", suspect.id, { state, version: suspect.version, force: true });
          await finishTaskRuns(tx, deps, suspect.id, state);
        } else {
          // Due at once: an agent takes it on its next poll.
          const state = { type: "Scheduled" as const, message: startRescheduledMessage(window, resurrected + 1), start_time: nowIso() };
          await writeRunState(tx, deps.dialect, "flow_run", suspect.id, { state, version: suspect.version, force: true });
          await tx.updateTable("flow_run").set({ times_resurrected: resurrected + 1 }).where("id", "=", suspect.id).execute();
        }
      });
      (giveUp ? result.neverStarted : result.rescheduled).push(suspect.id);
    } catch (error) {
      unlessRunMoved(error, `cannot ${giveUp ? "fail" : "reschedule"} unstarted flow run ${suspect.id}`);
    }
  }
}

/**
 * A run that moved since the scan (a late heartbeat, its own finish, a cancel) fails the versioned
 * write with VERSION_LOCKING_ERROR: it is alive or already judged, so that is the expected outcome.
 * Anything else is logged with the run and the pass goes on to the next run.
 */
function unlessRunMoved(error: unknown, what: string) {
  if (serviceErrorCode(error) === "VERSION_LOCKING_ERROR") return;
  console.error(`[${nowIso()}] zombie killer: ${what}: ${error instanceof Error ? error.message : String(error)}`);
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

/** `baseUrl`: where people open the dashboard (`--public-url`, else the server's own URL), for links in notifications. */
export function startBackgroundServices(deps: AppDeps, baseUrl: string): () => void {
  const shortestWindowMs = Math.min(deps.config.zombieTimeoutSeconds, deps.config.startTimeoutSeconds) * 1000;
  const zombieIntervalMs = Math.max(200, Math.min(5000, shortestWindowMs / 3));
  const listeningSince = new Date();
  const stops = [loop("zombie killer", zombieIntervalMs, () => killZombies(deps, listeningSince)), loop("scheduler", deps.config.schedulerIntervalSeconds * 1000, () => scheduleFlowRuns(deps)),
    startNotificationDeliverer(deps, { baseUrl }),
  ];
  return () => stops.forEach((stop) => stop());
}
