import type { GraphQLContext, SchemaPart } from "../context.ts";
import {
  archiveFlow,
  createFlow,
  type CreateFlowInput,
  decompressFlow,
  deleteFlow,
  registerEdges,
  registerTasks,
  setFlowGroupLabels,
  setScheduleActive,
  updateFlowProject,
} from "../../services/flows.ts";

/** Flow mutations: registration and lifecycle, thin resolvers over services/flows.ts. */

type Args<T> = { input: T };
type FlowIdInput = Args<{ flow_id: string }>;

export const flowMutations: SchemaPart = {
  typeDefs: /* GraphQL */ `
    input create_flow_input {
      serialized_flow: JSON!
      project_id: UUID!
      version_group_id: String
      set_schedule_active: Boolean
      description: String
      idempotency_key: String
    }
    input create_flow_from_compressed_string_input {
      "base64 of the gzipped JSON serialized flow"
      serialized_flow: String!
      project_id: UUID!
      version_group_id: String
      set_schedule_active: Boolean
      description: String
      idempotency_key: String
    }
    input register_tasks_input {
      flow_id: UUID!
      serialized_tasks: JSON!
    }
    input register_edges_input {
      flow_id: UUID!
      serialized_edges: JSON!
    }
    input set_schedule_active_input {
      flow_id: UUID!
    }
    input set_schedule_inactive_input {
      flow_id: UUID!
    }
    input archive_flow_input {
      flow_id: UUID!
    }
    input delete_flow_input {
      flow_id: UUID!
    }
    input update_flow_project_input {
      flow_id: UUID!
      project_id: UUID!
    }
    input set_flow_group_labels_input {
      flow_group_id: UUID!
      labels: [String!]
    }
    type flow_id_payload {
      id: UUID
    }
    type Mutation {
      create_flow(input: create_flow_input!): flow_id_payload
      create_flow_from_compressed_string(input: create_flow_from_compressed_string_input!): flow_id_payload
      register_tasks(input: register_tasks_input!): success_payload
      register_edges(input: register_edges_input!): success_payload
      set_schedule_active(input: set_schedule_active_input!): success_payload
      set_schedule_inactive(input: set_schedule_inactive_input!): success_payload
      archive_flow(input: archive_flow_input!): success_payload
      delete_flow(input: delete_flow_input!): success_payload
      update_flow_project(input: update_flow_project_input!): flow_id_payload
      set_flow_group_labels(input: set_flow_group_labels_input!): success_payload
    }
  `,
  resolvers: {
    Mutation: {
      create_flow: async (_: unknown, { input }: Args<CreateFlowInput>, ctx: GraphQLContext) => ({ id: await createFlow(ctx, input) }),
      create_flow_from_compressed_string: async (_: unknown, { input }: Args<CreateFlowInput & { serialized_flow: string }>, ctx: GraphQLContext) => ({
        id: await createFlow(ctx, { ...input, serialized_flow: decompressFlow(input.serialized_flow) }),
      }),
      register_tasks: async (_: unknown, { input }: Args<{ flow_id: string; serialized_tasks: unknown }>, ctx: GraphQLContext) => {
        await registerTasks(ctx, input.flow_id, input.serialized_tasks);
        return { success: true, error: null };
      },
      register_edges: async (_: unknown, { input }: Args<{ flow_id: string; serialized_edges: unknown }>, ctx: GraphQLContext) => {
        await registerEdges(ctx, input.flow_id, input.serialized_edges);
        return { success: true, error: null };
      },
      set_schedule_active: (_: unknown, { input }: FlowIdInput, ctx: GraphQLContext) => setScheduleActive(ctx, input.flow_id, true),
      set_schedule_inactive: (_: unknown, { input }: FlowIdInput, ctx: GraphQLContext) => setScheduleActive(ctx, input.flow_id, false),
      archive_flow: async (_: unknown, { input }: FlowIdInput, ctx: GraphQLContext) => {
        await archiveFlow(ctx, input.flow_id);
        return { success: true, error: null };
      },
      delete_flow: async (_: unknown, { input }: FlowIdInput, ctx: GraphQLContext) => {
        await deleteFlow(ctx, input.flow_id);
        return { success: true, error: null };
      },
      update_flow_project: async (_: unknown, { input }: Args<{ flow_id: string; project_id: string }>, ctx: GraphQLContext) => ({
        id: await updateFlowProject(ctx, input.flow_id, input.project_id),
      }),
      set_flow_group_labels: async (_: unknown, { input }: Args<{ flow_group_id: string; labels?: string[] | null }>, ctx: GraphQLContext) => {
        await setFlowGroupLabels(ctx, input.flow_group_id, input.labels ?? null);
        return { success: true, error: null };
      },
    },
  },
};
