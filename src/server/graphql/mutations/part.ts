import type { SchemaPart } from "../context.ts";
import { agentMutations } from "./agents.ts";
import { flowMutations } from "./flows.ts";
import { logMutations } from "./logs.ts";
import { notificationMutations } from "./notifications.ts";
import { projectMutations } from "./projects.ts";
import { runMutations } from "./runs.ts";

/** The Prefect-style mutations (names and inputs as Prefect Server 1.x), one family per file. */
export function mutationPart(): SchemaPart {
  const families = [projectMutations, flowMutations, runMutations, logMutations, agentMutations, notificationMutations];
  const shared = /* GraphQL */ `
    type success_payload {
      success: Boolean
      error: String
    }
  `;
  return {
    typeDefs: [shared, ...families.map((f) => f.typeDefs)].join("\n"),
    // Mutation fields from every family, plus any payload type a family resolves itself.
    resolvers: Object.assign({}, ...families.map((f) => f.resolvers), { Mutation: Object.assign({}, ...families.map((f) => f.resolvers.Mutation)) }),
  };
}
