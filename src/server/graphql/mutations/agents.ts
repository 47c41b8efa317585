import type { GraphQLContext, SchemaPart } from "../context.ts";
import { rootResolvers } from "../read/resolvers.ts";
import { heartbeatSeconds } from "../../config.ts";
import { type ClaimFlowRunsInput, claimFlowRuns, getRunsInQueue, registerAgent, type RegisterAgentInput, updateAgentHeartbeat } from "../../services/agents.ts";

/** Agent mutations: thin resolvers over services/agents.ts. */
const flowRunByPk = rootResolvers("flow_run").flow_run_by_pk;

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
      "Tern: how often a flow-run process started by this agent should heartbeat, in seconds (a quarter of the server's zombie timeout, at most 10)."
      flow_run_heartbeat_seconds: Float
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
    input claim_flow_runs_input {
      "Runs due at or before this time (default: now)."
      before: DateTime
      labels: [String!]
      "How many runs the agent can start now (1 to 25; default 25)."
      limit: Int
      "Storage kinds the agent loads flow code from: local, git (default: both). Runs of other flows wait for an agent that loads them; a Prefect 1 Python client's flow is never claimed."
      storage: [String!]
      "Git storage only from repositories whose URL starts with one of these (default: any)."
      git_prefixes: [String!]
      "Also start up to this many of the claimed runs: a Running state right after the Submitted, in the same transaction (0 to limit; default 0). For an agent with that many engines ready to start from the claim's answer, which then write no Running of their own: a short run costs one round trip fewer."
      start: Int
    }
    type claimed_flow_run {
      id: UUID!
      "The run's version after the claim."
      version: Int!
      "The run as the read API shows it after the claim: an agent hands it to its engine, which then needs no first read."
      flow_run: flow_run
    }
    type claim_flow_runs_payload {
      flow_runs: [claimed_flow_run!]!
      "Due runs another agent claimed first."
      lost: Int!
    }
    input update_agent_heartbeat_input {
      agent_id: UUID!
    }
    type Mutation {
      register_agent(input: register_agent_input!): agent_id_payload
      "Flow runs ready for an agent with these labels (at most 25, oldest first); refreshes the calling agent's last_queried."
      get_runs_in_queue(input: get_runs_in_queue_input!): runs_in_queue_payload
      update_agent_heartbeat(input: update_agent_heartbeat_input!): success_payload
      "Tern's one-request pickup (not in Prefect): get_runs_in_queue plus a version-checked Submitted claim of each run, for the calling agent (X-PREFECT-AGENT-ID)."
      claim_flow_runs(input: claim_flow_runs_input!): claim_flow_runs_payload!
    }
  `,
  resolvers: {
    claimed_flow_run: {
      flow_run: (claimed: { id: string }, _: unknown, ctx: GraphQLContext) => flowRunByPk(null, { id: claimed.id }, ctx),
    },
    Mutation: {
      register_agent: async (_: unknown, { input }: { input: RegisterAgentInput }, ctx: GraphQLContext) => ({
        id: await registerAgent(ctx, input, ctx.request.headers.get("x-prefect-core-version")),
        flow_run_heartbeat_seconds: heartbeatSeconds(ctx.config.zombieTimeoutSeconds),
      }),
      get_runs_in_queue: async (_: unknown, { input }: { input: { before?: string | null; labels?: string[] | null } }, ctx: GraphQLContext) => ({
        flow_run_ids: await getRunsInQueue(ctx, input, ctx.agentIdHeader),
      }),
      claim_flow_runs: async (_: unknown, { input }: { input: ClaimFlowRunsInput }, ctx: GraphQLContext) => {
        const { claimed, lost } = await claimFlowRuns(ctx, input, ctx.agentIdHeader);
        return { flow_runs: claimed, lost };
      },
      update_agent_heartbeat: async (_: unknown, { input }: { input: { agent_id: string } }, ctx: GraphQLContext) => ({
        success: await updateAgentHeartbeat(ctx, input.agent_id),
      }),
    },
  },
};
