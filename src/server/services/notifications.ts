import { isStateName, type StateName } from "../../core/states.ts";
import type { Dialect } from "../db/codec.ts";
import type { AppDeps } from "../deps.ts";
import { badInput, notFound } from "./errors.ts";
import { runFixed } from "../db/plain-sql.ts";
import { findById, insertRows, nowIso, type Tx } from "./rows.ts";

/**
 * Notification rules: a project's (or one flow group's) webhook for chosen flow-run states. A state
 * write that matches a rule records a Pending delivery in its own transaction (see
 * {@link enqueueNotifications}); sending is the deliverer's job (notification-deliverer.ts), so a slow
 * or failing webhook never touches the run.
 */

export const DEFAULT_NOTIFY_STATES: StateName[] = ["Failed"];
const MAX_URL_LENGTH = 2000;

export interface NotificationRuleInput {
  project_id: string;
  flow_group_id?: string | null;
  states?: string[] | null;
  webhook_url: string;
}

/** The webhook URL as stored: http(s) only, no credentials in it (they would show in the dashboard). */
export function checkWebhookUrl(value: string): string {
  const trimmed = value.trim();
  const url = trimmed.length <= MAX_URL_LENGTH && URL.canParse(trimmed) ? new URL(trimmed) : undefined;
  if (!url || (url.protocol !== "http:" && url.protocol !== "https:")) throw badInput("The webhook URL must be an http:// or https:// URL.");
  if (url.username || url.password) throw badInput("The webhook URL must not hold a user name or password.");
  return url.href;
}

export function checkStates(states: readonly string[] | null | undefined): StateName[] {
  if (!states || states.length === 0) return [...DEFAULT_NOTIFY_STATES];
  const unknown = states.filter((s) => !isStateName(s));
  if (unknown.length) throw badInput(`Unknown state name: ${unknown.map((s) => JSON.stringify(s).slice(0, 40)).join(", ")}.`);
  return [...new Set(states as StateName[])];
}

export async function createNotificationRule(deps: AppDeps, input: NotificationRuleInput): Promise<string> {
  const states = checkStates(input.states);
  const webhookUrl = checkWebhookUrl(input.webhook_url);
  const id = crypto.randomUUID();
  await deps.db.transaction().execute(async (tx) => {
    if (!(await findById(tx, "project", input.project_id))) throw notFound(`Project ${input.project_id} not found.`);
    if (input.flow_group_id && !(await findById(tx, "flow_group", input.flow_group_id))) throw notFound(`Flow ${input.flow_group_id} not found.`);
    const now = nowIso();
    await insertRows(tx, deps.dialect, "notification_rule", [
      { id, tenant_id: deps.tenantId, project_id: input.project_id, flow_group_id: input.flow_group_id ?? null, states, webhook_url: webhookUrl, created: now, updated: now },
    ]);
  });
  deps.events.publish(["notification_rule"]);
  return id;
}

/** Deletes a rule and its delivery log. */
export async function deleteNotificationRule(deps: AppDeps, ruleId: string): Promise<void> {
  const result = await deps.db.deleteFrom("notification_rule").where("id", "=", ruleId).executeTakeFirst();
  if (Number(result.numDeletedRows) === 0) throw notFound(`Notification rule ${ruleId} not found.`);
  deps.events.publish(["notification_rule", "notification_delivery"]);
}

const RULES_OF_RUN = `select "notification_rule"."id", "notification_rule"."tenant_id", "notification_rule"."states", "notification_rule"."flow_group_id", "flow"."flow_group_id" as "run_flow_group_id"
  from "flow_run" inner join "flow" on "flow"."id" = "flow_run"."flow_id" inner join "notification_rule" on "notification_rule"."project_id" = "flow"."project_id"
  where "flow_run"."id" = ?`;

/**
 * Records a Pending delivery for every rule of the run's project (or flow group) that names `state`.
 * Runs inside the state write's transaction, so a committed state never misses its notification and
 * a rolled-back one never sends it.
 */
export async function enqueueNotifications(tx: Tx, dialect: Dialect, flowRunId: string, state: StateName, message: string | null): Promise<number> {
  // Every flow-run state write asks this: written out once rather than built per call.
  const { rows: rules } = await runFixed<{ id: string; tenant_id: string; states: unknown; flow_group_id: string | null; run_flow_group_id: string }>(tx, dialect, RULES_OF_RUN, [flowRunId]);
  const now = nowIso();
  const due = rules.filter((rule) => (!rule.flow_group_id || rule.flow_group_id === rule.run_flow_group_id) && ruleStates(rule.states).includes(state));
  await insertRows(
    tx,
    dialect,
    "notification_delivery",
    due.map((rule) => ({
      id: crypto.randomUUID(),
      tenant_id: rule.tenant_id,
      rule_id: rule.id,
      flow_run_id: flowRunId,
      state,
      message,
      status: "Pending",
      attempts: 0,
      next_attempt: now,
      created: now,
      updated: now,
    })),
  );
  return due.length;
}

/** `states` as stored: JSON text on SQLite, parsed on PostgreSQL (this join skips the row codec). */
function ruleStates(value: unknown): string[] {
  const parsed = typeof value === "string" ? (JSON.parse(value) as unknown) : value;
  return Array.isArray(parsed) ? parsed.filter((s): s is string => typeof s === "string") : [];
}
