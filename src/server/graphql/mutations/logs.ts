import type { GraphQLContext, SchemaPart } from "../context.ts";
import { type LogInput, writeRunLogs } from "../../services/logs.ts";

/** `write_run_logs`: a thin resolver over services/logs.ts. */
export const logMutations: SchemaPart = {
  typeDefs: /* GraphQL */ `
    "Python logging's level names, as Prefect sends them."
    enum log_level {
      DEBUG
      INFO
      WARNING
      ERROR
      CRITICAL
    }
    input write_run_log_input {
      flow_run_id: UUID!
      task_run_id: UUID
      timestamp: DateTime
      message: String
      name: String
      "INFO when absent."
      level: log_level
      info: JSON
      "Client-chosen, unique per flow run: a line re-sent with a stored key is not stored again."
      idempotency_key: String
    }
    input write_run_logs_input {
      "At most 10,000 a call; each message at most 1 MB."
      logs: [write_run_log_input!]!
    }
    type Mutation {
      write_run_logs(input: write_run_logs_input!): success_payload
    }
  `,
  resolvers: {
    Mutation: {
      write_run_logs: async (_: unknown, { input }: { input: { logs: LogInput[] } }, ctx: GraphQLContext) => {
        await writeRunLogs(ctx, input.logs);
        return { success: true, error: null };
      },
    },
  },
};
