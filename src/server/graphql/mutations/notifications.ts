import type { GraphQLContext, SchemaPart } from "../context.ts";
import { createNotificationRule, deleteNotificationRule, type NotificationRuleInput } from "../../services/notifications.ts";

/** Notification rules: thin resolvers over services/notifications.ts. Rules and deliveries are read through the read API. */
export const notificationMutations: SchemaPart = {
  typeDefs: /* GraphQL */ `
    input create_notification_rule_input {
      project_id: UUID!
      "Only this flow's runs (a flow group id); all the project's flows when absent."
      flow_group_id: UUID
      "State names that notify (default: Failed)."
      states: [String!]
      "Where the JSON payload is POSTed: an http:// or https:// URL."
      webhook_url: String!
    }
    input delete_notification_rule_input {
      rule_id: UUID!
    }
    type notification_rule_id_payload {
      id: UUID
    }
    type Mutation {
      create_notification_rule(input: create_notification_rule_input!): notification_rule_id_payload
      delete_notification_rule(input: delete_notification_rule_input!): success_payload
    }
  `,
  resolvers: {
    Mutation: {
      create_notification_rule: async (_: unknown, { input }: { input: NotificationRuleInput }, ctx: GraphQLContext) => ({
        id: await createNotificationRule(ctx, input),
      }),
      delete_notification_rule: async (_: unknown, { input }: { input: { rule_id: string } }, ctx: GraphQLContext) => {
        await deleteNotificationRule(ctx, input.rule_id);
        return { success: true, error: null };
      },
    },
  },
};
