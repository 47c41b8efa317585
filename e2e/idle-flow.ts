import type { TernFixture } from "./fixtures.ts";

export interface TaskSpec {
  slug: string;
  name: string;
  mapped?: boolean;
}

/**
 * Registers a flow through the API whose runs no agent takes (its only label, "e2e-nobody", matches
 * no agent), so a test sets the states it needs itself and watches the page. `edges` are
 * [upstream slug, downstream slug]; an edge into a mapped task is mapped. Returns the flow's id.
 */
export async function createIdleFlow(tern: TernFixture, projectId: string, name: string, tasks: TaskSpec[] = [], edges: [string, string][] = []): Promise<string> {
  const serialized = {
    type: "tern.Flow",
    __version__: "0.1.0",
    name,
    parameters: [],
    reference_tasks: [],
    schedule: null,
    run_config: { type: "UniversalRun", labels: ["e2e-nobody"], env: null },
    storage: { type: "Local", path: "/nonexistent.ts", flow_name: name },
    tasks: tasks.map((t) => ({ type: "tern.Task", max_retries: 0, tags: [], ...t })),
    edges: edges.map(([from, to]) => ({ upstream_task: { slug: from }, downstream_task: { slug: to }, key: null, mapped: tasks.some((t) => t.slug === to && t.mapped) })),
  };
  const created = await tern.gql("mutation($input: create_flow_input!) { create_flow(input: $input) { id } }", { input: { project_id: projectId, serialized_flow: serialized } });
  return created.create_flow.id;
}
