import type { GraphQLContext, SchemaPart } from "../context.ts";
import { getRunsInQueue, registerAgent, type RegisterAgentInput, updateAgentHeartbeat } from "../../services/agents.ts";

/** Agent mutations: thin resolvers over services/agents.ts. */
export const agentMutations: SchemaPart = {
  typeDefs: /* GraphQL */ `
    input register_agent_input {
      "Accepted for compatibility; Tern has one tenant."
      tenant_id: UUID
      labels: [String!]
      agent_config_id: UUID
      type: String!
      name: String
    }
    type agent_id_payload {
      id: UUID
    }
    input get_runs_in_queue_input {
      "Accepted for compatibility; Tern has one tenant."
      tenant_id: UUID
      "Runs due at or before this time (default: now)."
      before: DateTime
      labels: [String!]
    }
    type runs_in_queue_payload {
      flow_run_ids: [String!]
    }
    input update_agent_heartbeat_input {
      agent_id: UUID!
    }
    type Mutation {
      register_agent(input: register_agent_input!): agent_id_payload
      "Flow runs ready for an agent with these labels (at most 25, oldest first); refreshes the calling agent's last_queried."
      get_runs_in_queue(input: get_runs_in_queue_input!): runs_in_queue_payload
      update_agent_heartbeat(input: update_agent_heartbeat_input!): success_payload
    }
  `,
  resolvers: {
    Mutation: {
      register_agent: async (_: unknown, { input }: { input: RegisterAgentInput }, ctx: GraphQLContext) => ({
        id: await registerAgent(ctx, input, ctx.request.headers.get("x-prefect-core-version")),
      }),
      get_runs_in_queue: async (_: unknown, { input }: { input: { before?: string | null; labels?: string[] | null } }, ctx: GraphQLContext) => ({
        flow_run_ids: await getRunsInQueue(ctx, input, ctx.agentIdHeader),
      }),
      update_agent_heartbeat: async (_: unknown, { input }: { input: { agent_id: string } }, ctx: GraphQLContext) => ({
        success: await updateAgentHeartbeat(ctx, input.agent_id),
      }),
    },
  },
};
