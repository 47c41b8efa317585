import { sql } from "kysely";
import { type Dialect, encodeRow, toIso } from "../db/codec.ts";
import type { Row } from "../db/tables.ts";
import type { AppDeps } from "../deps.ts";
import { notFound, serviceError } from "./errors.ts";
import { checkIdempotencyKey } from "./idempotency.ts";
import { nowIso, type Tx } from "./rows.ts";

/**
 * Run logs: one batch a call, all inserted or none; bounded so one client cannot flood the database.
 * Lines may carry an idempotency key: a batch re-sent after a lost answer stores only the lines it
 * did not store the first time.
 */

export const MAX_LOGS_PER_CALL = 10_000;
/** Prefect's CloudHandler drops messages above 1 MB; the server refuses them the same way. */
export const MAX_MESSAGE_BYTES = 1_000_000;
/** Rows per INSERT: keeps each statement under SQLite's and PostgreSQL's bound-parameter limits. */
const ROWS_PER_STATEMENT = 500;

export interface LogInput {
  flow_run_id: string;
  task_run_id?: string | null;
  timestamp?: string | null;
  message?: string | null;
  name?: string | null;
  level?: string | null;
  info?: unknown;
  idempotency_key?: string | null;
}

export async function writeRunLogs(deps: AppDeps, logs: LogInput[]): Promise<void> {
  checkRunLogs(logs);
  if (logs.length === 0) return;
  await deps.db.transaction().execute((tx) => insertRunLogs(tx, deps, logs));
  deps.events.publish(["log"]);
}

/** Refuses a batch over the limits (count, message size, key shape) before anything is written. */
export function checkRunLogs(logs: LogInput[]): void {
  if (logs.length > MAX_LOGS_PER_CALL) {
    throw serviceError("TOO_MANY_LOGS", `At most ${MAX_LOGS_PER_CALL} logs per call (got ${logs.length}); send them in batches.`);
  }
  for (const log of logs) {
    if (log.message && Buffer.byteLength(log.message, "utf8") > MAX_MESSAGE_BYTES) {
      throw serviceError("LOG_MESSAGE_TOO_LARGE", "A log message is larger than 1 MB.");
    }
    checkIdempotencyKey(log.idempotency_key);
  }
}

/** Inserts checked lines inside the caller's transaction (the caller publishes "log" after commit). */
export async function insertRunLogs(tx: Tx, deps: Pick<AppDeps, "tenantId" | "dialect">, logs: LogInput[]): Promise<void> {
  if (logs.length === 0) return;
  const now = nowIso();
  const rows: Partial<Row<"log">>[] = logs.map((log) => ({
    id: crypto.randomUUID(),
    tenant_id: deps.tenantId,
    flow_run_id: log.flow_run_id,
    task_run_id: log.task_run_id ?? null,
    timestamp: log.timestamp ? toIso(log.timestamp)! : now,
    message: log.message ?? null,
    name: log.name ?? null,
    level: log.level ?? "INFO",
    info: log.info ?? null,
    idempotency_key: log.idempotency_key ?? null,
    created: now,
    updated: now,
  }));
  // Unknown runs would otherwise surface as a masked foreign-key failure.
  const flowRunIds = [...new Set(logs.map((l) => l.flow_run_id))];
  const found = await tx.selectFrom("flow_run").select("id").where("id", "in", flowRunIds).execute();
  if (found.length !== flowRunIds.length) {
    const known = new Set(found.map((r) => r.id));
    throw notFound(`Flow run ${flowRunIds.find((id) => !known.has(id))} not found.`);
  }
  const taskRunIds = [...new Set(logs.map((l) => l.task_run_id).filter((id): id is string => !!id))];
  if (taskRunIds.length) {
    const foundTasks = await tx.selectFrom("task_run").select("id").where("id", "in", taskRunIds).execute();
    if (foundTasks.length !== taskRunIds.length) {
      const known = new Set(foundTasks.map((r) => r.id));
      throw notFound(`Task run ${taskRunIds.find((id) => !known.has(id))} not found.`);
    }
  }
  await numberLines(tx, deps.dialect, flowRunIds, rows);
  for (let i = 0; i < rows.length; i += ROWS_PER_STATEMENT) await insertNewLogs(tx, deps.dialect, rows.slice(i, i + ROWS_PER_STATEMENT));
}

/**
 * Gives each line its `seq`: after every line its flow run already has, in the order of `rows`. A
 * run's lines often share a timestamp (a burst within one microsecond, or clients that stamp whole
 * milliseconds); `seq` orders them as written. On PostgreSQL two writers of one run's lines take turns
 * (a transaction-scoped advisory lock, in id order so two multi-run batches cannot deadlock); SQLite
 * runs one write transaction at a time anyway. A line skipped as a re-sent duplicate leaves a gap.
 */
async function numberLines(tx: Tx, dialect: Dialect, flowRunIds: string[], rows: Partial<Row<"log">>[]) {
  const ids = [...flowRunIds].sort();
  if (dialect === "postgres") for (const id of ids) await sql`SELECT pg_advisory_xact_lock(hashtext(${`tern.log:${id}`}))`.execute(tx);
  const last = await tx.selectFrom("log").select(["flow_run_id", (eb) => eb.fn.max("seq").as("seq")]).where("flow_run_id", "in", ids).groupBy("flow_run_id").execute();
  const next = new Map(last.map((r) => [r.flow_run_id, Number(r.seq)]));
  for (const row of rows) {
    const seq = (next.get(row.flow_run_id!) ?? 0) + 1;
    next.set(row.flow_run_id!, seq);
    row.seq = seq;
  }
}

/** Inserts, skipping lines whose (flow run, key) is already stored: the insert-or-ignore of both dialects. */
async function insertNewLogs(tx: Tx, dialect: Dialect, rows: Partial<Row<"log">>[]) {
  await tx
    .insertInto("log")
    .values(rows.map((r) => encodeRow("log", r, dialect)))
    .onConflict((oc) => oc.columns(["flow_run_id", "idempotency_key"]).doNothing())
    .execute();
}
