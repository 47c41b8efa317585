import type { TestApp } from "../../testing/harness.ts";

/** Shared steps for the mutation tests: a project, a registered flow, a run. */

export interface FlowSpec {
  name?: string;
  tasks?: string[];
  edges?: [string, string][];
  parameters?: { name: string; required?: boolean; default?: unknown }[];
  labels?: string[];
  schedule?: Record<string, unknown> | null;
  reference?: string[];
}

export function serializedFlow(spec: FlowSpec = {}) {
  return {
    type: "prefect.core.flow.Flow",
    __version__: "1.4.1",
    name: spec.name ?? "hello-flow",
    parameters: (spec.parameters ?? []).map((p) => ({ slug: p.name, required: false, default: null, ...p })),
    reference_tasks: (spec.reference ?? []).map((slug) => ({ slug })),
    schedule: spec.schedule ?? null,
    run_config: { type: "UniversalRun", labels: spec.labels ?? ["vm"], env: null },
    storage: { type: "Local", path: "/tmp/flow.ts" },
    tasks: (spec.tasks ?? ["say_hello-1"]).map((slug) => ({ slug, name: slug.replace(/-\d+$/, ""), type: "FunctionTask", max_retries: 0, tags: [] })),
    edges: (spec.edges ?? []).map(([up, down]) => ({ upstream_task: { slug: up }, downstream_task: { slug: down }, key: null, mapped: false })),
  };
}

export async function createProject(app: TestApp, name = "tutorial"): Promise<string> {
  const data = await app.ok(`mutation($input: create_project_input!) { create_project(input: $input) { id } }`, { input: { name } });
  return data.create_project.id;
}

export async function createFlow(app: TestApp, projectId: string, spec: FlowSpec = {}, extra: Record<string, unknown> = {}): Promise<string> {
  const data = await app.ok(`mutation($input: create_flow_input!) { create_flow(input: $input) { id } }`, {
    input: { project_id: projectId, serialized_flow: serializedFlow(spec), ...extra },
  });
  return data.create_flow.id;
}

export async function createFlowRun(app: TestApp, input: Record<string, unknown>): Promise<string> {
  const data = await app.ok(`mutation($input: create_flow_run_input!) { create_flow_run(input: $input) { id } }`, { input });
  return data.create_flow_run.id;
}

export const SET_FLOW_RUN_STATES = `mutation($input: set_flow_run_states_input!) { set_flow_run_states(input: $input) { states { id status message } } }`;
export const SET_TASK_RUN_STATES = `mutation($input: set_task_run_states_input!) { set_task_run_states(input: $input) { states { id status message } } }`;

export function setFlowRunState(app: TestApp, flowRunId: string, state: Record<string, unknown>, version?: number | null, headers?: Record<string, string>) {
  return app.gql(SET_FLOW_RUN_STATES, { input: { states: [{ flow_run_id: flowRunId, version, state }] } }, headers);
}

export function setTaskRunState(app: TestApp, taskRunId: string, state: Record<string, unknown>, version?: number | null) {
  return app.gql(SET_TASK_RUN_STATES, { input: { states: [{ task_run_id: taskRunId, version, state }] } });
}

export const errorCode = (result: { errors?: { extensions?: { code?: string } }[] }) => result.errors?.[0]?.extensions?.code;
