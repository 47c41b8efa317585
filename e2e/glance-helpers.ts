import type { TernFixture } from "./fixtures.ts";

/**
 * A project whose flow runs only on agents with `label` (a label unique to the test, so no agent of the
 * shared server takes its runs): they stay Scheduled until the test sets their state.
 */
export async function idleProject(tern: TernFixture, prefix: string) {
  const projectName = tern.unique(prefix);
  const projectId = await tern.createProject(projectName);
  const flowName = tern.unique(`${prefix}-flow`);
  const label = tern.unique(`${prefix}-label`);
  const serialized = {
    type: "tern.Flow",
    __version__: "0.1.0",
    name: flowName,
    parameters: [],
    reference_tasks: [],
    schedule: null,
    run_config: { type: "UniversalRun", labels: [label], env: null },
    storage: { type: "Local", path: "/nonexistent.ts", flow_name: flowName },
    tasks: [],
    edges: [],
  };
  const created = await tern.gql("mutation($input: create_flow_input!) { create_flow(input: $input) { id } }", { input: { project_id: projectId, serialized_flow: serialized } });
  const flowId: string = created.create_flow.id;
  return {
    projectId,
    flowName,
    label,
    /** A Scheduled run named `name`. */
    async run(name: string): Promise<string> {
      const data = await tern.gql("mutation($input: create_flow_run_input!) { create_flow_run(input: $input) { id } }", { input: { flow_id: flowId, flow_run_name: name } });
      return data.create_flow_run.id;
    },
    async setState(id: string, type: string) {
      await tern.gql("mutation($input: set_flow_run_states_input!) { set_flow_run_states(input: $input) { states { id } } }", { input: { states: [{ flow_run_id: id, state: { type, message: "set by the test" } }] } });
    },
    async states(): Promise<string[]> {
      const data = await tern.gql("query($flowId: uuid!) { flow_run(where: { flow_id: { _eq: $flowId } }, order_by: { name: asc }) { state } }", { flowId });
      return data.flow_run.map((r: { state: string }) => r.state);
    },
  };
}
