import { randomUUID } from "node:crypto";
import type { Row, TableName } from "../../db/tables.ts";
import type { AppDeps } from "../../deps.ts";
import { insertRows } from "../../services/rows.ts";

/** Test fixtures: rows written straight through Kysely and the codec, independent of the mutations. */

export async function insert<T extends TableName>(deps: Pick<AppDeps, "db" | "dialect" | "tenantId">, table: T, rows: Partial<Row<T>>[]): Promise<string[]> {
  const ids: string[] = [];
  // One row at a time: SQLite has no DEFAULT in a multi-row VALUES, so rows with different columns
  // would get NULL instead of the column default.
  for (const row of rows) {
    const id = typeof row.id === "string" ? row.id : randomUUID();
    ids.push(id);
    await insertRows(deps.db, deps.dialect, table, [{ id, ...(table === "tenant" ? {} : { tenant_id: deps.tenantId }), ...row }]);
  }
  return ids;
}

/** A project with one flow (in its own flow group), for tests that need somewhere to hang runs. */
export async function seedFlow(deps: Pick<AppDeps, "db" | "dialect" | "tenantId">, projectName: string, flowName: string, extra: Partial<Row<"flow">> = {}) {
  const [projectId] = await insert(deps, "project", [{ name: projectName }]);
  const [flowGroupId] = await insert(deps, "flow_group", [{ name: randomUUID() }]);
  const [flowId] = await insert(deps, "flow", [{ project_id: projectId, flow_group_id: flowGroupId, name: flowName, ...extra }]);
  return { projectId, flowGroupId, flowId };
}
