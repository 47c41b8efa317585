import type { AppDeps } from "../deps.ts";
import { badInput, isUniqueViolation, notFound, serviceError } from "./errors.ts";
import { findById, insertRows, nowIso, type Tx, updateById } from "./rows.ts";

/**
 * Projects: unique names per tenant, and deletion that never drops flows by surprise. The duplicate
 * answer must be exactly `Uniqueness violation.`: the Prefect client recovers from that text only.
 */

const MAX_NAME_LENGTH = 255;

function checkName(name: string): string {
  const trimmed = name.trim();
  if (!trimmed) throw badInput("Project name must not be empty.");
  if (trimmed.length > MAX_NAME_LENGTH) throw badInput(`Project name must be at most ${MAX_NAME_LENGTH} characters.`);
  return trimmed;
}

const uniquenessViolation = () => serviceError("UNIQUENESS_VIOLATION", "Uniqueness violation.");

async function nameTaken(tx: Tx, tenantId: string, name: string, exceptId?: string): Promise<boolean> {
  let query = tx.selectFrom("project").select("id").where("tenant_id", "=", tenantId).where("name", "=", name);
  if (exceptId) query = query.where("id", "!=", exceptId);
  return !!(await query.executeTakeFirst());
}

/** Runs `fn`, turning a unique-key race (two creates of one name) into the same coded error. */
async function withUniqueName<T>(fn: () => Promise<T>): Promise<T> {
  try {
    return await fn();
  } catch (error) {
    if (isUniqueViolation(error)) throw uniquenessViolation();
    throw error;
  }
}

export async function createProject(deps: AppDeps, input: { name: string; description?: string | null }): Promise<string> {
  const name = checkName(input.name);
  const id = await withUniqueName(() =>
    deps.db.transaction().execute(async (tx) => {
      if (await nameTaken(tx, deps.tenantId, name)) throw uniquenessViolation();
      const id = crypto.randomUUID();
      const now = nowIso();
      await insertRows(tx, deps.dialect, "project", [{ id, tenant_id: deps.tenantId, name, description: input.description ?? null, created: now, updated: now }]);
      return id;
    }),
  );
  deps.events.publish(["project"]);
  return id;
}

export async function setProjectName(deps: AppDeps, projectId: string, rawName: string): Promise<string> {
  const name = checkName(rawName);
  await withUniqueName(() =>
    deps.db.transaction().execute(async (tx) => {
      if (!(await findById(tx, "project", projectId))) throw notFound(`Project ${projectId} not found.`);
      if (await nameTaken(tx, deps.tenantId, name, projectId)) throw uniquenessViolation();
      await updateById(tx, deps.dialect, "project", projectId, { name, updated: nowIso() });
    }),
  );
  deps.events.publish(["project"]);
  return projectId;
}

export async function setProjectDescription(deps: AppDeps, projectId: string, description: string | null): Promise<string> {
  const changed = await updateById(deps.db, deps.dialect, "project", projectId, { description, updated: nowIso() });
  if (changed === 0) throw notFound(`Project ${projectId} not found.`);
  deps.events.publish(["project"]);
  return projectId;
}

export interface DeleteProjectInput {
  project_id: string;
  move_flows_to_project_id?: string | null;
  delete_flows?: boolean | null;
}

/** Refuses to delete a project that still has flows unless told to move them or delete them too. */
export async function deleteProject(deps: AppDeps, input: DeleteProjectInput): Promise<void> {
  await deps.db.transaction().execute(async (tx) => {
    if (!(await findById(tx, "project", input.project_id))) throw notFound(`Project ${input.project_id} not found.`);
    const hasFlows = !!(await tx.selectFrom("flow").select("id").where("project_id", "=", input.project_id).limit(1).executeTakeFirst());
    if (hasFlows && input.move_flows_to_project_id) {
      if (input.move_flows_to_project_id === input.project_id) throw badInput("Cannot move flows into the project being deleted.");
      if (!(await findById(tx, "project", input.move_flows_to_project_id))) throw notFound(`Project ${input.move_flows_to_project_id} not found.`);
      await tx
        .updateTable("flow")
        .set({ project_id: input.move_flows_to_project_id, updated: nowIso() })
        .where("project_id", "=", input.project_id)
        .execute();
    } else if (hasFlows && !input.delete_flows) {
      throw serviceError("PROJECT_NOT_EMPTY", "The project has flows: move them to another project or delete them with it.");
    }
    // Flows (and their runs) go with the project through ON DELETE CASCADE; their emptied groups follow.
    await tx.deleteFrom("project").where("id", "=", input.project_id).execute();
    await tx
      .deleteFrom("flow_group")
      .where("tenant_id", "=", deps.tenantId)
      .where((eb) => eb.not(eb.exists(eb.selectFrom("flow").select("flow.id").whereRef("flow.flow_group_id", "=", "flow_group.id"))))
      .execute();
  });
  deps.events.publish(["project", "flow", "flow_group", "task", "edge", "flow_run", "task_run", "flow_run_state", "task_run_state", "log"]);
}
