import type { GraphQLContext, SchemaPart } from "../context.ts";
import {
  cancelFlowRun,
  createFlowRun,
  type CreateFlowRunInput,
  deleteFlowRun,
  getOrCreateTaskRun,
  heartbeat,
  setFlowRunLabels,
  setRunName,
  setRunStates,
  writeRunBatch,
} from "../../services/runs.ts";
import type { LogInput } from "../../services/logs.ts";
import { getOrCreateMappedTaskRuns } from "../../services/mapped-task-runs.ts";

/** Flow-run and task-run mutations: thin resolvers over services/runs.ts (state rules in services/states.ts). */

type Args<T> = { input: T };
type StateInput = { version?: number | null; state: unknown; idempotency_key?: string | null };

type FlowStateInput = StateInput & { flow_run_id: string };
type TaskStateInput = StateInput & { task_run_id: string };

/** A Submitted state names the calling agent (X-PREFECT-AGENT-ID) as the run's agent. */
const flowStateWrites = (states: FlowStateInput[], ctx: GraphQLContext) =>
  states.map((s) => ({ id: s.flow_run_id, state: s.state, version: s.version, agentId: ctx.agentIdHeader, idempotencyKey: s.idempotency_key }));
const taskStateWrites = (states: TaskStateInput[]) =>
  states.map((s) => ({ id: s.task_run_id, state: s.state, version: s.version, idempotencyKey: s.idempotency_key }));

export const runMutations: SchemaPart = {
  typeDefs: /* GraphQL */ `
    input create_flow_run_input {
      flow_id: UUID
      "Runs the newest unarchived flow of this version group."
      version_group_id: String
      parameters: JSON
      labels: [String!]
      run_config: JSON
      context: JSON
      scheduled_start_time: DateTime
      idempotency_key: String
      flow_run_name: String
    }
    type flow_run_id_payload {
      id: UUID
    }
    input set_flow_run_state_input {
      flow_run_id: UUID!
      "When given, must equal the run's current version (else VERSION_LOCKING_ERROR)."
      version: Int
      state: JSON!
      "Client-chosen key for this write: re-sending it after a lost answer returns the stored result instead of writing twice."
      idempotency_key: String
    }
    input set_flow_run_states_input {
      states: [set_flow_run_state_input!]!
    }
    input set_task_run_state_input {
      task_run_id: UUID!
      version: Int
      state: JSON!
      flow_run_version: Int
      "Client-chosen key for this write: re-sending it after a lost answer returns the stored result instead of writing twice."
      idempotency_key: String
    }
    input set_task_run_states_input {
      states: [set_task_run_state_input!]!
    }
    type set_state_payload {
      id: UUID
      status: String
      message: String
    }
    type set_flow_run_states_payload {
      states: [set_state_payload]
    }
    type set_task_run_states_payload {
      states: [set_state_payload]
    }
    input get_or_create_task_run_info_input {
      flow_run_id: UUID!
      task_id: UUID!
      map_index: Int
    }
    input get_or_create_task_run_input {
      flow_run_id: UUID!
      task_id: UUID!
      map_index: Int
    }
    type get_or_create_task_run_info_payload {
      id: UUID
      version: Int
      state: String
      serialized_state: JSON
    }
    type task_run_id_payload {
      id: UUID
    }
    input cancel_flow_run_input {
      flow_run_id: UUID!
    }
    type cancel_flow_run_payload {
      state: String
    }
    input set_flow_run_name_input {
      flow_run_id: UUID!
      name: String!
    }
    input set_task_run_name_input {
      task_run_id: UUID!
      name: String!
    }
    input set_flow_run_labels_input {
      flow_run_id: UUID!
      labels: [String!]!
    }
    input update_flow_run_heartbeat_input {
      flow_run_id: UUID!
    }
    input update_task_run_heartbeat_input {
      task_run_id: UUID!
    }
    input write_run_batch_input {
      "Stored first: a run's lines are there before any state of the same call shows."
      logs: [write_run_log_input!]
      "Written after the logs."
      flow_run_states: [set_flow_run_state_input!]
      "Written after the flow-run states (a task run can go Running in the call that makes its flow run Running)."
      task_run_states: [set_task_run_state_input!]
    }
    type write_run_batch_payload {
      flow_run_states: [set_state_payload!]!
      task_run_states: [set_state_payload!]!
    }
    input get_or_create_mapped_task_runs_input {
      flow_run_id: UUID!
      task_id: UUID!
      "How many children: map_index 0…count-1."
      count: Int!
    }
    type mapped_task_run_info {
      id: UUID!
      map_index: Int!
      version: Int!
      state: String
    }
    type get_or_create_mapped_task_runs_payload {
      "In map_index order."
      task_runs: [mapped_task_run_info!]!
    }
    input delete_flow_run_input {
      flow_run_id: UUID!
    }
    type Mutation {
      create_flow_run(input: create_flow_run_input!): flow_run_id_payload
      set_flow_run_states(input: set_flow_run_states_input!): set_flow_run_states_payload
      set_task_run_states(input: set_task_run_states_input!): set_task_run_states_payload
      get_or_create_task_run_info(input: get_or_create_task_run_info_input!): get_or_create_task_run_info_payload
      get_or_create_task_run(input: get_or_create_task_run_input!): task_run_id_payload
      cancel_flow_run(input: cancel_flow_run_input!): cancel_flow_run_payload
      set_flow_run_name(input: set_flow_run_name_input!): success_payload
      set_task_run_name(input: set_task_run_name_input!): success_payload
      set_flow_run_labels(input: set_flow_run_labels_input!): success_payload
      update_flow_run_heartbeat(input: update_flow_run_heartbeat_input!): success_payload
      update_task_run_heartbeat(input: update_task_run_heartbeat_input!): success_payload
      delete_flow_run(input: delete_flow_run_input!): success_payload
      "Tern's one-round-trip engine write (not in Prefect): logs, then flow-run states, then task-run states, in one transaction (all stored or none)."
      write_run_batch(input: write_run_batch_input!): write_run_batch_payload!
      "Tern's batched get_or_create_task_run_info (not in Prefect): a mapped task's children map_index 0…count-1 in one call, created Pending where missing."
      get_or_create_mapped_task_runs(input: get_or_create_mapped_task_runs_input!): get_or_create_mapped_task_runs_payload!
    }
  `,
  resolvers: {
    Mutation: {
      create_flow_run: async (_: unknown, { input }: Args<CreateFlowRunInput>, ctx: GraphQLContext) => ({ id: await createFlowRun(ctx, input) }),
      set_flow_run_states: async (_: unknown, { input }: Args<{ states: FlowStateInput[] }>, ctx: GraphQLContext) => ({
        states: await setRunStates(
          ctx,
          "flow_run",
          flowStateWrites(input.states, ctx),
        ),
      }),
      set_task_run_states: async (_: unknown, { input }: Args<{ states: TaskStateInput[] }>, ctx: GraphQLContext) => ({
        states: await setRunStates(
          ctx,
          "task_run",
          taskStateWrites(input.states),
        ),
      }),
      write_run_batch: async (
        _: unknown,
        { input }: Args<{ logs?: LogInput[] | null; flow_run_states?: FlowStateInput[] | null; task_run_states?: TaskStateInput[] | null }>,
        ctx: GraphQLContext,
      ) => {
        const stored = await writeRunBatch(ctx, {
          logs: input.logs ?? [],
          flowRuns: flowStateWrites(input.flow_run_states ?? [], ctx),
          taskRuns: taskStateWrites(input.task_run_states ?? []),
        });
        return { flow_run_states: stored.flowRuns, task_run_states: stored.taskRuns };
      },
      get_or_create_task_run_info: (_: unknown, { input }: Args<{ flow_run_id: string; task_id: string; map_index?: number | null }>, ctx: GraphQLContext) =>
        getOrCreateTaskRun(ctx, input),
      get_or_create_task_run: async (_: unknown, { input }: Args<{ flow_run_id: string; task_id: string; map_index?: number | null }>, ctx: GraphQLContext) => ({
        id: (await getOrCreateTaskRun(ctx, input)).id,
      }),
      get_or_create_mapped_task_runs: async (_: unknown, { input }: Args<{ flow_run_id: string; task_id: string; count: number }>, ctx: GraphQLContext) => ({
        task_runs: await getOrCreateMappedTaskRuns(ctx, input),
      }),
      cancel_flow_run: async (_: unknown, { input }: Args<{ flow_run_id: string }>, ctx: GraphQLContext) => ({ state: await cancelFlowRun(ctx, input.flow_run_id) }),
      set_flow_run_name: async (_: unknown, { input }: Args<{ flow_run_id: string; name: string }>, ctx: GraphQLContext) => ({
        success: await setRunName(ctx, "flow_run", input.flow_run_id, input.name),
      }),
      set_task_run_name: async (_: unknown, { input }: Args<{ task_run_id: string; name: string }>, ctx: GraphQLContext) => ({
        success: await setRunName(ctx, "task_run", input.task_run_id, input.name),
      }),
      set_flow_run_labels: async (_: unknown, { input }: Args<{ flow_run_id: string; labels: string[] }>, ctx: GraphQLContext) => ({
        success: await setFlowRunLabels(ctx, input.flow_run_id, input.labels),
      }),
      update_flow_run_heartbeat: async (_: unknown, { input }: Args<{ flow_run_id: string }>, ctx: GraphQLContext) => ({
        success: await heartbeat(ctx, "flow_run", input.flow_run_id),
      }),
      update_task_run_heartbeat: async (_: unknown, { input }: Args<{ task_run_id: string }>, ctx: GraphQLContext) => ({
        success: await heartbeat(ctx, "task_run", input.task_run_id),
      }),
      delete_flow_run: async (_: unknown, { input }: Args<{ flow_run_id: string }>, ctx: GraphQLContext) => ({
        success: await deleteFlowRun(ctx, input.flow_run_id),
      }),
    },
  },
};
