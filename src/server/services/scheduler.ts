import { decodeRow, encodeValue } from "../db/codec.ts";
import type { AppDeps } from "../deps.ts";
import { nextEvents } from "./clocks.ts";
import { createFlowRun } from "./runs.ts";

/**
 * Keeps the next runs of every flow with an active schedule created ahead of time, as Prefect Server's
 * scheduler does: each event becomes a Scheduled run whose idempotency key is its start time, so a
 * scheduler pass (or two servers running one) never makes the same run twice.
 */

/** Prefect Server keeps this many future runs per flow. */
export const RUNS_AHEAD = 10;

export const autoScheduledKey = (start: Date) => `auto-scheduled:${start.toISOString()}`;

/**
 * Future runs this scheduler made for a flow whose schedule is now off (or whose version is archived).
 * Switching a schedule off drops them at once, but a pass that read the flow as active just before
 * may still be adding some; the next pass takes those away.
 */
async function dropOrphanedRuns(deps: AppDeps, now: Date): Promise<void> {
  const yes = encodeValue("bool", true, deps.dialect);
  await deps.db
    .deleteFrom("flow_run")
    .where("auto_scheduled", "=", yes)
    .where("state", "=", "Scheduled")
    .where("scheduled_start_time", ">", now.toISOString())
    .where("flow_id", "in", (eb) =>
      eb
        .selectFrom("flow")
        .select("id")
        .where((f) => f.or([f("is_schedule_active", "=", encodeValue("bool", false, deps.dialect)), f("archived", "=", yes)])),
    )
    .execute();
}

/** One pass; returns the ids of the runs it created. */
export async function scheduleFlowRuns(deps: AppDeps, now = new Date()): Promise<string[]> {
  await dropOrphanedRuns(deps, now);
  const flows = await deps.db
    .selectFrom("flow")
    .select(["id", "schedule"])
    .where("is_schedule_active", "=", encodeValue("bool", true, deps.dialect))
    .where("archived", "=", encodeValue("bool", false, deps.dialect))
    .execute();
  const created: string[] = [];
  for (const flow of flows) {
    const { schedule } = decodeRow("flow", flow);
    const events = nextEvents(schedule, now, RUNS_AHEAD);
    if (events.length === 0) continue;
    const keys = events.map((e) => autoScheduledKey(e.start));
    const existing = new Set(
      (await deps.db.selectFrom("flow_run").select("idempotency_key").where("flow_id", "=", flow.id).where("idempotency_key", "in", keys).execute()).map((r) => r.idempotency_key),
    );
    for (const event of events) {
      const key = autoScheduledKey(event.start);
      if (existing.has(key)) continue;
      try {
        created.push(
          await createFlowRun(deps, {
            flow_id: flow.id,
            scheduled_start_time: event.start.toISOString(),
            idempotency_key: key,
            parameters: event.parameterDefaults,
            labels: event.labels,
            auto_scheduled: true,
          }),
        );
      } catch (error) {
        // One flow's bad schedule (e.g. a missing required parameter) must not stop the others.
        console.error(`scheduler: cannot schedule flow ${flow.id}:`, error instanceof Error ? error.message : error);
        break;
      }
    }
  }
  return created;
}
