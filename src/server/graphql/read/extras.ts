import { createRequire } from "node:module";
import { STATE_COLOR, STATE_NAMES, isA } from "../../../core/states.ts";
import type { GraphQLContext, SchemaPart } from "../context.ts";
import { selectByKeys } from "./query.ts";

/**
 * The Python half of Prefect Server's queries: `hello`, `api`, `reference_data`, `get_task_run_info`
 * and `mapped_children`. Tern never maps tasks, so mapped children are always empty.
 */

const { version } = createRequire(import.meta.url)("../../../../package.json") as { version: string };
/** The Prefect Core release whose API Tern answers (the 1.4.1 client checks it). */
const CORE_VERSION = "1.4.1";
const STARTED = new Date().toISOString();

/** `{parent: [every state that is the parent or a subclass of it]}`, as Prefect Server answers. */
function stateHierarchy(): Record<string, string[]> {
  return Object.fromEntries(STATE_NAMES.map((parent) => [parent, STATE_NAMES.filter((s) => isA(s, parent))]));
}

function stateInfo(): Record<string, { color: string }> {
  return Object.fromEntries(STATE_NAMES.map((s) => [s, { color: STATE_COLOR[s] }]));
}

export function extrasPart(): SchemaPart {
  return {
    typeDefs: /* GraphQL */ `
      type api_info {
        backend: String
        mode: String
        version: String
        core_version: String
        release_timestamp: String
      }
      type reference_data_payload {
        state_hierarchy: JSON
        state_info: JSON
      }
      type get_task_run_info_payload {
        id: UUID
        version: Int
        serialized_state: JSON
        state: String
      }
      type mapped_children_payload {
        min_start_time: DateTime
        max_end_time: DateTime
        state_counts: JSON
      }
      extend type Query {
        hello: String
        api: api_info
        reference_data: reference_data_payload
        get_task_run_info(task_run_id: UUID!): get_task_run_info_payload
        mapped_children(task_run_id: UUID!): mapped_children_payload
      }
    `,
    resolvers: {
      Query: {
        hello: () => "👋",
        api: () => ({ backend: "SERVER", mode: "normal", version, core_version: CORE_VERSION, release_timestamp: STARTED }),
        reference_data: () => ({ state_hierarchy: stateHierarchy(), state_info: stateInfo() }),
        get_task_run_info: async (_: unknown, args: { task_run_id: string }, ctx: GraphQLContext) => {
          const row = (await selectByKeys(ctx, "task_run", "id", [args.task_run_id])).get(args.task_run_id);
          return row ? { id: row.id, version: row.version, serialized_state: row.serialized_state, state: row.state } : null;
        },
        mapped_children: () => ({ min_start_time: null, max_end_time: null, state_counts: {} }),
      },
    },
  };
}
