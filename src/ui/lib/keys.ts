/** Query-key factories: every cache key in the SPA comes from here, so invalidation can go by scope. */
export const projectKeys = {
  all: ["project"] as const,
  list: () => [...projectKeys.all, "list"] as const,
  settings: () => [...projectKeys.all, "settings"] as const,
};

export const flowKeys = {
  all: ["flow"] as const,
  list: (projectId: string | null) => [...flowKeys.all, "list", projectId] as const,
  group: (flowGroupId: string) => [...flowKeys.all, "group", flowGroupId] as const,
  version: (flowId: string) => [...flowKeys.all, "version", flowId] as const,
  tasks: (flowId: string, search: string, page: number) => [...flowKeys.all, "tasks", flowId, search, page] as const,
  graph: (flowId: string) => [...flowKeys.all, "graph", flowId] as const,
  /** The labels a project's flows give their runs (the dashboard scopes its agents by them). */
  labels: (projectId: string) => [...flowKeys.all, "labels", projectId] as const,
};

export const flowRunKeys = {
  all: ["flow_run"] as const,
  detail: (id: string) => [...flowRunKeys.all, "detail", id] as const,
  taskRuns: (id: string, filter: Record<string, unknown>) => [...flowRunKeys.all, "task_runs", id, filter] as const,
  timeline: (id: string) => [...flowRunKeys.all, "timeline", id] as const,
  states: (id: string) => [...flowRunKeys.all, "states", id] as const,
  schematic: (id: string) => [...flowRunKeys.all, "schematic", id] as const,
  mapped: (id: string) => [...flowRunKeys.all, "mapped", id] as const,
  flowOf: (id: string) => [...flowRunKeys.all, "flow_of", id] as const,
  logs: (id: string, filter: Record<string, unknown>) => [...flowRunKeys.all, "logs", id, filter] as const,
  history: (scope: Record<string, unknown>) => [...flowRunKeys.all, "history", scope] as const,
  list: (scope: Record<string, unknown>) => [...flowRunKeys.all, "list", scope] as const,
  /** A count (aggregate) of the runs a filter selects: the dashboard's summary and charts. */
  count: (scope: Record<string, unknown>) => [...flowRunKeys.all, "count", scope] as const,
};

export const taskRunKeys = {
  all: ["task_run"] as const,
  detail: (id: string) => [...taskRunKeys.all, "detail", id] as const,
  counts: (runId: string, where: Record<string, unknown>) => [...taskRunKeys.all, "counts", runId, where] as const,
  children: (parentId: string, page: number) => [...taskRunKeys.all, "children", parentId, page] as const,
};

export const agentKeys = {
  all: ["agent"] as const,
  list: () => [...agentKeys.all, "list"] as const,
};

export const notificationKeys = {
  all: ["notification"] as const,
  rules: () => [...notificationKeys.all, "rules"] as const,
  deliveries: () => [...notificationKeys.all, "deliveries"] as const,
};
