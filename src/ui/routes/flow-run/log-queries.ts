import { graphql } from "../../../core/gql/gql.ts";
import type { Log_Bool_Exp, Order_By } from "../../../core/gql/graphql.ts";
import { runQuery } from "../../lib/gql-query.ts";

/** The run page's log documents; every list of lines selects the same fields (LogLine). */

export const LogWindow = graphql(`
  query FlowRun_logs($id: uuid!, $where: log_bool_exp, $limit: Int) {
    flow_run_by_pk(id: $id) {
      id
      logs(where: $where, order_by: [{ timestamp: desc }, { seq: desc }], limit: $limit) {
        id
        level
        name
        message
        timestamp
        seq
      }
      logs_aggregate(where: $where) {
        aggregate {
          count
        }
      }
    }
  }
`);

const LogSlice = graphql(`
  query FlowRun_logSlice($where: log_bool_exp!, $order: [log_order_by!]!, $limit: Int!) {
    log(where: $where, order_by: $order, limit: $limit) {
      id
      level
      name
      message
      timestamp
      seq
    }
  }
`);

export const LogCount = graphql(`
  query FlowRun_logCount($where: log_bool_exp!) {
    log_aggregate(where: $where) {
      aggregate {
        count
      }
    }
  }
`);

export const LogDownloadPage = graphql(`
  query FlowRun_logPage($where: log_bool_exp!, $limit: Int!, $offset: Int!) {
    log(where: $where, order_by: [{ timestamp: asc }, { seq: asc }], limit: $limit, offset: $offset) {
      id
      level
      name
      message
      timestamp
    }
  }
`);

export type LogLine = { id: string; level?: string | null; name?: string | null; message?: string | null; timestamp: string; seq: number };

const ASC: Order_By = "asc";
const DESC: Order_By = "desc";

/** Lines matching `where`, newest first (for paging back). */
export async function fetchOlder(where: Log_Bool_Exp, limit: number): Promise<LogLine[]> {
  return (await runQuery(LogSlice, { where, limit, order: [{ timestamp: DESC }, { seq: DESC }] })).log;
}

/** Lines matching `where`, oldest first (for paging forward). */
export async function fetchNewer(where: Log_Bool_Exp, limit: number): Promise<LogLine[]> {
  return (await runQuery(LogSlice, { where, limit, order: [{ timestamp: ASC }, { seq: ASC }] })).log;
}

export async function countLines(where: Log_Bool_Exp): Promise<number> {
  return (await runQuery(LogCount, { where })).log_aggregate.aggregate?.count ?? 0;
}
