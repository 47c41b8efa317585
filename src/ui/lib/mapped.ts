import type { Task_Run_Bool_Exp } from "../../core/gql/graphql.ts";

/**
 * A mapped task has one parent task run (map_index -1, state Mapped once the engine made its
 * children) and a child per item (map_index 0..n-1, same flow run and task).
 */
export function isMappedParent(t: { map_index: number; state?: string | null; task?: { mapped?: boolean | null } | null }): boolean {
  return t.map_index === -1 && (t.state === "Mapped" || t.task?.mapped === true);
}

/** The children of the mapped task `taskId`, among one flow run's task runs. */
export function mappedChildrenWhere(taskId: string): Task_Run_Bool_Exp {
  return { task_id: { _eq: taskId }, map_index: { _gte: 0 } };
}
