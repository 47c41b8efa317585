import { gunzipSync } from "node:zlib";
import {
  parseSerializedEdges,
  parseSerializedFlow,
  parseSerializedTasks,
  SerializedFlowError,
  type SerializedEdgeInput,
  type SerializedFlowInput,
  type SerializedTaskInput,
} from "../../core/serialized-flow.ts";
import { findJsonProblem, TEXT_PROBLEM_MESSAGES } from "../../core/text.ts";
import { type Dialect, encodeRow, encodeValue } from "../db/codec.ts";
import type { Row, TableName } from "../db/tables.ts";
import type { AppDeps } from "../deps.ts";
import { badInput, notFound } from "./errors.ts";
import { decodeAll, findById, insertRows, nowIso, type Tx, updateById } from "./rows.ts";

/**
 * Flow registration and the flow's lifecycle: versions inside a flow group, idempotent re-registration,
 * tasks and edges (inline, or in later batches as the Prefect client sends them), archive, delete,
 * schedule switch, group labels.
 */

/** A decompressed flow larger than this is refused (the HTTP body limit is far smaller). */
const MAX_DECOMPRESSED_BYTES = 64 * 1024 * 1024;
const FLOW_TABLES: TableName[] = ["flow", "flow_group", "task", "edge"];

export interface CreateFlowInput {
  serialized_flow: unknown;
  project_id: string;
  version_group_id?: string | null;
  set_schedule_active?: boolean | null;
  description?: string | null;
  idempotency_key?: string | null;
}

function parseFlow(value: unknown): SerializedFlowInput {
  try {
    return parseSerializedFlow(value);
  } catch (error) {
    if (error instanceof SerializedFlowError) throw badInput(error.message);
    throw error;
  }
}

/** Nesting allowed in a decompressed flow, as in request variables (the flow's own shape is 5 deep). */
const MAX_DECOMPRESSED_DEPTH = 64;
/** Refuses bytes that are not UTF-8 instead of replacing them: stored text comes back as sent. */
const strictUtf8 = new TextDecoder("utf-8", { fatal: true });

/**
 * `create_flow_from_compressed_string`: base64 of gzip of the JSON document. The document skips the
 * checks request variables get (request-guards.ts), so they are made here.
 */
export function decompressFlow(compressed: string): unknown {
  let bytes: Buffer;
  try {
    bytes = gunzipSync(Buffer.from(compressed, "base64"), { maxOutputLength: MAX_DECOMPRESSED_BYTES });
  } catch {
    throw badInput("serialized_flow is not a base64-encoded gzip string.");
  }
  let text: string;
  try {
    text = strictUtf8.decode(bytes);
  } catch {
    throw badInput("serialized_flow is not valid UTF-8.");
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw badInput("serialized_flow does not decompress to JSON.");
  }
  const problem = findJsonProblem(value, MAX_DECOMPRESSED_DEPTH);
  if (problem === "too-deep") throw badInput(`serialized_flow is nested more than ${MAX_DECOMPRESSED_DEPTH} levels deep.`);
  if (problem) throw badInput(TEXT_PROBLEM_MESSAGES[problem]);
  return value;
}

/** Interval text as PostgreSQL prints it (`00:00:10`), which is what Prefect's UI shows. */
function intervalText(seconds: number | null | undefined): string | null {
  if (seconds === null || seconds === undefined) return null;
  const s = Math.round(seconds);
  const pad = (n: number) => String(n).padStart(2, "0");
  return `${pad(Math.floor(s / 3600))}:${pad(Math.floor((s % 3600) / 60))}:${pad(s % 60)}`;
}

function taskColumns(task: SerializedTaskInput): Partial<Row<"task">> {
  const trigger = typeof task.trigger === "string" ? task.trigger : (task.trigger?.fn ?? null);
  return {
    slug: task.slug,
    name: task.name ?? task.slug,
    description: task.description ?? null,
    type: task.type ?? null,
    max_retries: task.max_retries ?? 0,
    retry_delay: intervalText(task.retry_delay),
    timeout: task.timeout == null ? null : Math.ceil(task.timeout),
    trigger,
    tags: task.tags ?? [],
    cache_key: task.cache_key ?? null,
    mapped: task.mapped ?? false,
    auto_generated: task.auto_generated ?? false,
  };
}

export async function createFlow(deps: AppDeps, input: CreateFlowInput): Promise<string> {
  const flow = parseFlow(input.serialized_flow);
  const result = await deps.db.transaction().execute((tx) => insertFlow(deps, tx, input, flow));
  if (result.created) deps.events.publish(FLOW_TABLES);
  return result.id;
}

async function insertFlow(deps: AppDeps, tx: Tx, input: CreateFlowInput, flow: SerializedFlowInput): Promise<{ id: string; created: boolean }> {
  const project = await findById(tx, "project", input.project_id);
  if (!project) throw notFound(`Project ${input.project_id} not found.`);

  let versionGroupId = input.version_group_id ?? null;
  if (!versionGroupId) {
    const newest = await tx
      .selectFrom("flow")
      .select("version_group_id")
      .where("project_id", "=", project.id)
      .where("name", "=", flow.name)
      .orderBy("version", "desc")
      .orderBy("created", "desc")
      .limit(1)
      .executeTakeFirst();
    versionGroupId = newest?.version_group_id ?? crypto.randomUUID();
  }

  const now = nowIso();
  let group = decodeAll("flow_group", await tx.selectFrom("flow_group").selectAll().where("tenant_id", "=", project.tenant_id).where("name", "=", versionGroupId).limit(1).execute())[0];
  if (!group) {
    group = {
      id: crypto.randomUUID(),
      tenant_id: project.tenant_id,
      name: versionGroupId,
      labels: null,
      schedule: null,
      settings: { heartbeat_enabled: true, lazarus_enabled: true, version_locking_enabled: false },
      default_parameters: {},
      run_config: null,
      description: null,
      created: now,
      updated: now,
    };
    await insertRows(tx, deps.dialect, "flow_group", [group]);
  }

  const newest = decodeAll("flow", await tx.selectFrom("flow").selectAll().where("flow_group_id", "=", group.id).orderBy("version", "desc").limit(1).execute())[0];
  // Re-registering an unchanged flow (same key) is a no-op that answers with the existing version.
  if (input.idempotency_key && newest?.idempotency_key === input.idempotency_key) return { id: newest.id, created: false };

  const id = crypto.randomUUID();
  const schedule = flow.schedule ?? null;
  await insertRows(tx, deps.dialect, "flow", [
    {
      id,
      tenant_id: project.tenant_id,
      project_id: project.id,
      flow_group_id: group.id,
      name: flow.name,
      version: (newest?.version ?? 0) + 1,
      version_group_id: versionGroupId,
      description: input.description ?? flow.description ?? null,
      environment: flow.environment ?? null,
      run_config: flow.run_config ?? null,
      storage: flow.storage ?? null,
      parameters: flow.parameters ?? [],
      serialized_flow: flow,
      schedule,
      is_schedule_active: schedule !== null && input.set_schedule_active !== false,
      archived: false,
      core_version: flow.__version__ ?? null,
      settings: {},
      idempotency_key: input.idempotency_key ?? null,
      created: now,
      updated: now,
    },
  ]);
  const superseded = await tx
    .updateTable("flow")
    .set({ archived: encodeValue("bool", true, deps.dialect), updated: now })
    .where("flow_group_id", "=", group.id)
    .where("id", "!=", id)
    .where("archived", "=", encodeValue("bool", false, deps.dialect))
    .returning("id")
    .execute();
  await deleteAutoScheduledRuns(tx, deps.dialect, superseded.map((f) => f.id));

  if (flow.tasks?.length) await upsertTasks(tx, deps.dialect, id, project.tenant_id, flow.tasks);
  if (flow.edges?.length) await insertEdges(tx, deps.dialect, id, project.tenant_id, flow.edges);
  await refreshTaskFlags(tx, deps.dialect, id);
  return { id, created: true };
}

/** Inserts new tasks and updates existing ones, keyed by (flow, slug). */
async function upsertTasks(tx: Tx, dialect: Dialect, flowId: string, tenantId: string, tasks: SerializedTaskInput[]): Promise<void> {
  const existing = new Map((await tx.selectFrom("task").select(["id", "slug"]).where("flow_id", "=", flowId).execute()).map((t) => [t.slug, t.id]));
  const now = nowIso();
  const fresh: Partial<Row<"task">>[] = [];
  for (const task of tasks) {
    const id = existing.get(task.slug);
    if (id) await updateById(tx, dialect, "task", id, { ...taskColumns(task), updated: now });
    else fresh.push({ id: crypto.randomUUID(), tenant_id: tenantId, flow_id: flowId, ...taskColumns(task), created: now, updated: now });
  }
  for (let i = 0; i < fresh.length; i += 200) await insertRows(tx, dialect, "task", fresh.slice(i, i + 200));
}

async function insertEdges(tx: Tx, dialect: Dialect, flowId: string, tenantId: string, edges: SerializedEdgeInput[]): Promise<void> {
  const bySlug = new Map((await tx.selectFrom("task").select(["id", "slug"]).where("flow_id", "=", flowId).execute()).map((t) => [t.slug, t.id]));
  const unknown = [...new Set(edges.flatMap((e) => [e.upstream_task.slug, e.downstream_task.slug]).filter((slug) => !bySlug.has(slug)))];
  if (unknown.length) throw badInput(`Edges could not be registered: unknown task slug(s) ${unknown.slice(0, 10).join(", ")}.`);
  const now = nowIso();
  for (const edge of edges) {
    await tx
      .insertInto("edge")
      .values(
        encodeRow(
          "edge",
          {
            id: crypto.randomUUID(),
            tenant_id: tenantId,
            flow_id: flowId,
            upstream_task_id: bySlug.get(edge.upstream_task.slug)!,
            downstream_task_id: bySlug.get(edge.downstream_task.slug)!,
            key: edge.key ?? null,
            mapped: edge.mapped ?? false,
            created: now,
            updated: now,
          },
          dialect,
        ),
      )
      .onConflict((oc) => oc.columns(["flow_id", "downstream_task_id", "upstream_task_id"]).doNothing())
      .execute();
  }
}

/**
 * Root = no upstream edge, terminal = no downstream edge, reference = listed in the flow's
 * `reference_tasks`, or every terminal task when none is listed (Prefect's default).
 */
async function refreshTaskFlags(tx: Tx, dialect: Dialect, flowId: string): Promise<void> {
  const tasks = await tx.selectFrom("task").select(["id", "slug"]).where("flow_id", "=", flowId).execute();
  if (tasks.length === 0) return;
  const edges = await tx.selectFrom("edge").select(["upstream_task_id", "downstream_task_id", "mapped"]).where("flow_id", "=", flowId).execute();
  const flow = await findById(tx, "flow", flowId);
  const listed = (flow?.serialized_flow as SerializedFlowInput | null)?.reference_tasks?.map((r) => r.slug) ?? [];
  const hasUpstream = new Set(edges.map((e) => e.downstream_task_id));
  const hasDownstream = new Set(edges.map((e) => e.upstream_task_id));
  const groups = new Map<string, string[]>();
  for (const task of tasks) {
    const root = !hasUpstream.has(task.id);
    const terminal = !hasDownstream.has(task.id);
    const reference = listed.length ? listed.includes(task.slug ?? "") : terminal;
    const key = `${+root}${+terminal}${+reference}`;
    groups.set(key, [...(groups.get(key) ?? []), task.id]);
  }
  for (const [key, ids] of groups) {
    const flags = encodeRow("task", { is_root_task: key[0] === "1", is_terminal_task: key[1] === "1", is_reference_task: key[2] === "1" }, dialect);
    for (let i = 0; i < ids.length; i += 500) {
      await tx.updateTable("task").set(flags).where("id", "in", ids.slice(i, i + 500)).execute();
    }
  }
  // A task fed by a mapped edge is mapped, as Prefect Server derives it (a client need not say so on the task).
  const mapped = [...new Set(decodeAll("edge", edges).filter((e) => e.mapped).map((e) => e.downstream_task_id))];
  for (let i = 0; i < mapped.length; i += 500) {
    await tx.updateTable("task").set(encodeRow("task", { mapped: true }, dialect)).where("id", "in", mapped.slice(i, i + 500)).execute();
  }
}

/** Future runs the scheduler made for flows that no longer run on schedule (Prefect Server drops them too). */
async function deleteAutoScheduledRuns(tx: Tx, dialect: Dialect, flowIds: string[]): Promise<number> {
  if (flowIds.length === 0) return 0;
  const result = await tx
    .deleteFrom("flow_run")
    .where("flow_id", "in", flowIds)
    .where("auto_scheduled", "=", encodeValue("bool", true, dialect))
    .where("state", "=", "Scheduled")
    .executeTakeFirst();
  return Number(result.numDeletedRows);
}

async function requireFlow(tx: Tx, flowId: string): Promise<Row<"flow">> {
  const flow = await findById(tx, "flow", flowId);
  if (!flow) throw notFound(`Flow ${flowId} not found.`);
  return flow;
}

/** Keeps `serialized_flow` complete when tasks or edges arrive in batches after the flow. */
async function appendToSerializedFlow(tx: Tx, dialect: Dialect, flow: Row<"flow">, key: "tasks" | "edges", items: unknown[]): Promise<void> {
  const doc = { ...((flow.serialized_flow as Record<string, unknown>) ?? {}) };
  const current = Array.isArray(doc[key]) ? (doc[key] as unknown[]) : [];
  if (key === "tasks") {
    const slugs = new Set((items as SerializedTaskInput[]).map((t) => t.slug));
    doc.tasks = [...current.filter((t) => !slugs.has((t as SerializedTaskInput).slug)), ...items];
  } else {
    doc.edges = [...current, ...items];
  }
  await updateById(tx, dialect, "flow", flow.id, { serialized_flow: doc, updated: nowIso() });
}

function parseOrBadInput<T>(fn: () => T): T {
  try {
    return fn();
  } catch (error) {
    if (error instanceof SerializedFlowError) throw badInput(error.message);
    throw error;
  }
}

export async function registerTasks(deps: AppDeps, flowId: string, serializedTasks: unknown): Promise<void> {
  const tasks = parseOrBadInput(() => parseSerializedTasks(serializedTasks));
  await deps.db.transaction().execute(async (tx) => {
    const flow = await requireFlow(tx, flowId);
    await upsertTasks(tx, deps.dialect, flowId, flow.tenant_id, tasks);
    await appendToSerializedFlow(tx, deps.dialect, flow, "tasks", tasks);
    await refreshTaskFlags(tx, deps.dialect, flowId);
  });
  deps.events.publish(["task", "flow"]);
}

export async function registerEdges(deps: AppDeps, flowId: string, serializedEdges: unknown): Promise<void> {
  const edges = parseOrBadInput(() => parseSerializedEdges(serializedEdges));
  await deps.db.transaction().execute(async (tx) => {
    const flow = await requireFlow(tx, flowId);
    await insertEdges(tx, deps.dialect, flowId, flow.tenant_id, edges);
    await appendToSerializedFlow(tx, deps.dialect, flow, "edges", edges);
    await refreshTaskFlags(tx, deps.dialect, flowId);
  });
  deps.events.publish(["edge", "task", "flow"]);
}

export async function archiveFlow(deps: AppDeps, flowId: string): Promise<void> {
  await deps.db.transaction().execute(async (tx) => {
    const changed = await updateById(tx, deps.dialect, "flow", flowId, { archived: true, updated: nowIso() });
    if (changed === 0) throw notFound(`Flow ${flowId} not found.`);
    await deleteAutoScheduledRuns(tx, deps.dialect, [flowId]);
  });
  deps.events.publish(["flow", "flow_run", "task_run"]);
}

/** Deletes the flow (its tasks and runs cascade), and its group when no version is left. */
export async function deleteFlow(deps: AppDeps, flowId: string): Promise<void> {
  await deps.db.transaction().execute(async (tx) => {
    const flow = await requireFlow(tx, flowId);
    await tx.deleteFrom("flow").where("id", "=", flowId).execute();
    const left = await tx.selectFrom("flow").select("id").where("flow_group_id", "=", flow.flow_group_id).limit(1).executeTakeFirst();
    if (!left) await tx.deleteFrom("flow_group").where("id", "=", flow.flow_group_id).execute();
  });
  deps.events.publish([...FLOW_TABLES, "flow_run", "task_run", "flow_run_state", "task_run_state", "log"]);
}

/** Turning a schedule on needs a schedule: `success: false` otherwise, as Prefect Server answers. */
export async function setScheduleActive(deps: AppDeps, flowId: string, active: boolean): Promise<{ success: boolean; error: string | null }> {
  const flow = await requireFlow(deps.db, flowId);
  if (active && flow.schedule === null) return { success: false, error: "The flow has no schedule." };
  await deps.db.transaction().execute(async (tx) => {
    await updateById(tx, deps.dialect, "flow", flowId, { is_schedule_active: active, updated: nowIso() });
    if (!active) await deleteAutoScheduledRuns(tx, deps.dialect, [flowId]);
  });
  deps.events.publish(active ? ["flow"] : ["flow", "flow_run", "task_run"]);
  return { success: true, error: null };
}

export async function updateFlowProject(deps: AppDeps, flowId: string, projectId: string): Promise<string> {
  await deps.db.transaction().execute(async (tx) => {
    const flow = await requireFlow(tx, flowId);
    if (!(await findById(tx, "project", projectId))) throw notFound(`Project ${projectId} not found.`);
    // Versions of one flow stay together: the whole group moves.
    await tx.updateTable("flow").set({ project_id: projectId, updated: nowIso() }).where("flow_group_id", "=", flow.flow_group_id).execute();
  });
  deps.events.publish(["flow"]);
  return flowId;
}

export async function setFlowGroupLabels(deps: AppDeps, flowGroupId: string, labels: string[] | null): Promise<void> {
  const value = labels === null ? null : [...new Set(labels)].sort();
  const changed = await updateById(deps.db, deps.dialect, "flow_group", flowGroupId, { labels: value, updated: nowIso() });
  if (changed === 0) throw notFound(`Flow group ${flowGroupId} not found.`);
  deps.events.publish(["flow_group"]);
}
