import type { TernClient } from "../client/client.ts";
import { must } from "../client/must.ts";
import { graphql } from "../core/gql/gql.ts";

const RunHistory = graphql(`
  query Testing_runHistory($id: uuid!) {
    flow_run_by_pk(id: $id) {
      state
      states(order_by: { version: asc }) {
        state
        version
      }
      task_runs {
        state
        states(order_by: { version: asc }) {
          state
        }
      }
      logs(order_by: { timestamp: asc }) {
        name
        message
      }
    }
  }
`);

/**
 * A flow run as tests that count writes check it: its state, every history entry (in version
 * order) of the run and of each task run, and every stored log line.
 */
export async function runHistory(client: TernClient, flowRunId: string) {
  return must((await client.request(RunHistory, { id: flowRunId })).flow_run_by_pk, `flow run ${flowRunId}`);
}
