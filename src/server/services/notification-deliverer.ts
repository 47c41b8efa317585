import type { AppDeps } from "../deps.ts";
import { formatMicros } from "../../core/timestamps.ts";
import { nowIso, nowMicros } from "./rows.ts";

/**
 * Sends the Pending notification deliveries: one POST each, with a timeout, retried with exponential
 * backoff until it is answered 2xx (Delivered) or runs out of attempts (Failed). Redirects are not
 * followed (the URL a person chose is the only place Tern posts to) and response bodies are not read.
 * A delivery is claimed by bumping its `attempts` (a compare-and-swap, so two servers on one database
 * never send one attempt twice) and leasing it until the attempt's outcome is written.
 */

export interface DelivererOptions {
  /** The dashboard's base URL, for the run link in the payload (`--public-url`, else the server's own). */
  baseUrl: string;
  timeoutMs?: number;
  maxAttempts?: number;
  /** The first retry waits this long; each next one twice as long (capped at 5 minutes). */
  baseDelayMs?: number;
  /** How often due retries are looked for; new deliveries wake the loop at once through the change feed. */
  pollMs?: number;
}

const DEFAULTS = { timeoutMs: 5000, maxAttempts: 5, baseDelayMs: 2000, pollMs: 1000 };
const MAX_DELAY_MS = 5 * 60_000;
const BATCH = 20;

export interface NotificationPayload {
  /** Slack-compatible summary line. */
  text: string;
  run_id: string;
  run_name: string | null;
  flow: string;
  project: string;
  state: string;
  message: string | null;
  run_url: string;
}

interface Due {
  id: string;
  attempts: number;
  state: string;
  message: string | null;
  webhook_url: string;
  flow_run_id: string;
  run_name: string | null;
  flow: string;
  project: string;
}

const at = (msFromNow: number) => formatMicros(nowMicros() + msFromNow * 1000);

export function buildPayload(due: Pick<Due, "flow_run_id" | "run_name" | "flow" | "project" | "state" | "message">, baseUrl: string): NotificationPayload {
  const runUrl = `${baseUrl.replace(/\/+$/, "")}/flow-run/${due.flow_run_id}`;
  const name = due.run_name ?? due.flow_run_id;
  const text = `Flow run ${name} of ${due.flow} (${due.project}) is ${due.state}${due.message ? `: ${due.message}` : ""} ${runUrl}`;
  return { text, run_id: due.flow_run_id, run_name: due.run_name, flow: due.flow, project: due.project, state: due.state, message: due.message, run_url: runUrl };
}

/** One POST; returns the HTTP status on a 2xx answer, else throws with a short, user-safe reason. */
async function post(url: string, payload: NotificationPayload, timeoutMs: number): Promise<{ status: number; error?: string }> {
  let response: Response;
  try {
    response = await fetch(url, {
      method: "POST",
      headers: { "content-type": "application/json", "user-agent": "Tern-Notifications" },
      body: JSON.stringify(payload),
      redirect: "manual",
      signal: AbortSignal.timeout(timeoutMs),
    });
  } catch (error) {
    return { status: 0, error: networkReason(error, timeoutMs) };
  }
  // The body is never needed: dropping it keeps a huge or endless answer from being read.
  await response.body?.cancel().catch(() => {});
  if (response.status >= 200 && response.status < 300) return { status: response.status };
  if (response.status >= 300 && response.status < 400) return { status: response.status, error: `HTTP ${response.status}: redirects are not followed` };
  return { status: response.status, error: `HTTP ${response.status}` };
}

function networkReason(error: unknown, timeoutMs: number): string {
  const e = error as { name?: string; cause?: { code?: unknown } } | null;
  if (e?.name === "TimeoutError" || e?.name === "AbortError") return `No answer within ${timeoutMs / 1000} s`;
  const code = typeof e?.cause?.code === "string" ? e.cause.code : undefined;
  return code ? `Could not connect (${code})` : "Could not connect";
}

async function dueDeliveries(deps: AppDeps): Promise<Due[]> {
  const rows = await deps.db
    .selectFrom("notification_delivery as d")
    .innerJoin("notification_rule as r", "r.id", "d.rule_id")
    .innerJoin("flow_run as fr", "fr.id", "d.flow_run_id")
    .innerJoin("flow as f", "f.id", "fr.flow_id")
    .innerJoin("project as p", "p.id", "f.project_id")
    .select(["d.id", "d.attempts", "d.state", "d.message", "r.webhook_url", "d.flow_run_id", "fr.name as run_name", "f.name as flow", "p.name as project"])
    .where("d.status", "=", "Pending")
    .where("d.next_attempt", "<=", nowIso())
    .orderBy("d.next_attempt")
    .limit(BATCH)
    .execute();
  return rows.map((r) => ({ ...r, attempts: Number(r.attempts) }));
}

/** Takes one attempt of `due`: false when another sender took it first. */
async function claim(deps: AppDeps, due: Due, leaseMs: number): Promise<boolean> {
  const result = await deps.db
    .updateTable("notification_delivery")
    .set({ attempts: due.attempts + 1, next_attempt: at(leaseMs), updated: nowIso() })
    .where("id", "=", due.id)
    .where("status", "=", "Pending")
    .where("attempts", "=", due.attempts)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

async function attempt(deps: AppDeps, due: Due, options: Required<DelivererOptions>): Promise<void> {
  if (!(await claim(deps, due, options.timeoutMs + 30_000))) return;
  const attempts = due.attempts + 1;
  const outcome = await post(due.webhook_url, buildPayload(due, options.baseUrl), options.timeoutMs);
  const responseStatus = outcome.status || null;
  const patch = !outcome.error
    ? { status: "Delivered", next_attempt: null, last_error: null }
    : attempts >= options.maxAttempts
      ? { status: "Failed", next_attempt: null, last_error: outcome.error }
      : { status: "Pending", next_attempt: at(Math.min(MAX_DELAY_MS, options.baseDelayMs * 2 ** (attempts - 1))), last_error: outcome.error };
  await deps.db
    .updateTable("notification_delivery")
    .set({ ...patch, response_status: responseStatus, updated: nowIso() })
    .where("id", "=", due.id)
    .execute();
}

/** Sends every delivery due now (a batch at a time, concurrently); returns how many attempts were made. */
export async function deliverDue(deps: AppDeps, options: DelivererOptions): Promise<number> {
  const full = { ...DEFAULTS, ...options };
  let made = 0;
  for (;;) {
    const due = await dueDeliveries(deps);
    if (due.length === 0) break;
    await Promise.all(due.map((d) => attempt(deps, d, full)));
    made += due.length;
    deps.events.publish(["notification_delivery"]);
    if (due.length < BATCH) break;
  }
  return made;
}

/** Starts the deliverer: a pass on every new flow-run state (while any rule exists) and every `pollMs`; returns its stop. */
export function startNotificationDeliverer(deps: AppDeps, options: DelivererOptions): () => void {
  const pollMs = options.pollMs ?? DEFAULTS.pollMs;
  let running = false;
  let again = false;
  let stopped = false;
  const pass = () => {
    if (stopped) return;
    if (running) {
      again = true;
      return;
    }
    running = true;
    deliverDue(deps, options)
      .catch((error) => console.error(`[${nowIso()}] notification deliverer failed: ${error instanceof Error ? error.message : String(error)}`))
      .finally(() => {
        running = false;
        if (again) {
          again = false;
          pass();
        }
      });
  };
  // Most servers have no rule at all; then a state write cannot have queued a delivery, and the pass
  // (a query) it would start is skipped. Unknown (not read yet, or a rule changed) counts as some.
  let rulesExist: boolean | undefined;
  let rulesRead = 0;
  const readRules = () => {
    rulesExist = undefined;
    const read = ++rulesRead;
    deps.db
      .selectFrom("notification_rule")
      .select("id")
      .limit(1)
      .execute()
      .then(
        (rows) => {
          if (read === rulesRead) rulesExist = rows.length > 0;
        },
        () => {},
      );
  };
  readRules();
  const unsubscribe = deps.events.subscribe((tables) => {
    if (tables.has("notification_rule")) readRules();
    if (tables.has("flow_run_state") && rulesExist !== false) pass();
  });
  const timer = setInterval(pass, pollMs);
  timer.unref();
  return () => {
    stopped = true;
    clearInterval(timer);
    unsubscribe();
  };
}
