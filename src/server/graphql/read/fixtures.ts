import { randomUUID } from "node:crypto";
import { encodeRow } from "../../db/codec.ts";
import type { Database, TableName } from "../../db/tables.ts";
import type { AppDeps } from "../../deps.ts";

/** Test fixtures: rows written straight through Kysely and the codec, independent of the mutations. */

export async function insert<T extends TableName>(deps: Pick<AppDeps, "db" | "dialect" | "tenantId">, table: T, rows: Partial<Database[T]>[]): Promise<string[]> {
  const ids: string[] = [];
  const encoded = rows.map((row) => {
    const withIds = { id: randomUUID(), ...(table === "tenant" ? {} : { tenant_id: deps.tenantId }), ...row } as Partial<Database[T]>;
    ids.push((withIds as { id: string }).id);
    return encodeRow(table, withIds, deps.dialect);
  });
  // One row at a time: SQLite has no DEFAULT in a multi-row VALUES, so rows with different columns
  // would get NULL instead of the column default.
  for (const row of encoded) await deps.db.insertInto(table).values(row as never).execute();
  return ids;
}

/** A project with one flow (in its own flow group), for tests that need somewhere to hang runs. */
export async function seedFlow(deps: Pick<AppDeps, "db" | "dialect" | "tenantId">, projectName: string, flowName: string, extra: Partial<Database["flow"]> = {}) {
  const [projectId] = await insert(deps, "project", [{ name: projectName }]);
  const [flowGroupId] = await insert(deps, "flow_group", [{ name: randomUUID() }]);
  const [flowId] = await insert(deps, "flow", [{ project_id: projectId, flow_group_id: flowGroupId, name: flowName, ...extra }]);
  return { projectId, flowGroupId, flowId };
}
