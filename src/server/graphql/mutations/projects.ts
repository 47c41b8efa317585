import type { GraphQLContext, SchemaPart } from "../context.ts";
import { createProject, deleteProject, type DeleteProjectInput, setProjectDescription, setProjectName } from "../../services/projects.ts";

/** Project mutations: thin resolvers over services/projects.ts. */
export const projectMutations: SchemaPart = {
  typeDefs: /* GraphQL */ `
    input create_project_input {
      "Accepted for compatibility; Tern has one tenant."
      tenant_id: UUID
      name: String!
      description: String
    }
    input set_project_name_input {
      project_id: UUID!
      name: String!
    }
    input set_project_description_input {
      project_id: UUID!
      description: String
    }
    input delete_project_input {
      project_id: UUID!
      "Move the project's flows here first."
      move_flows_to_project_id: UUID
      "Delete the project's flows with it."
      delete_flows: Boolean
    }
    type project_id_payload {
      id: UUID
    }
    type Mutation {
      create_project(input: create_project_input!): project_id_payload
      set_project_name(input: set_project_name_input!): project_id_payload
      set_project_description(input: set_project_description_input!): project_id_payload
      delete_project(input: delete_project_input!): success_payload
    }
  `,
  resolvers: {
    Mutation: {
      create_project: async (_: unknown, { input }: { input: { name: string; description?: string | null } }, ctx: GraphQLContext) => ({
        id: await createProject(ctx, input),
      }),
      set_project_name: async (_: unknown, { input }: { input: { project_id: string; name: string } }, ctx: GraphQLContext) => ({
        id: await setProjectName(ctx, input.project_id, input.name),
      }),
      set_project_description: async (_: unknown, { input }: { input: { project_id: string; description?: string | null } }, ctx: GraphQLContext) => ({
        id: await setProjectDescription(ctx, input.project_id, input.description ?? null),
      }),
      delete_project: async (_: unknown, { input }: { input: DeleteProjectInput }, ctx: GraphQLContext) => {
        await deleteProject(ctx, input);
        return { success: true, error: null };
      },
    },
  },
};
