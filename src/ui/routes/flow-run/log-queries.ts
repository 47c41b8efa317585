import { graphql } from "../../../core/gql/gql.ts";
import type { Log_Bool_Exp, Order_By } from "../../../core/gql/graphql.ts";
import { runQuery } from "../../lib/gql-query.ts";
import { collectPages, logLineText } from "../../lib/log-text.ts";

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

const LogLineById = graphql(`
  query FlowRun_logLine($id: uuid!) {
    log_by_pk(id: $id) {
      id
      level
      name
      message
      timestamp
      seq
      flow_run_id
    }
  }
`);

/** One line of this run by id (a deep link's line may lie before the live window), or null. */
export async function fetchLine(runId: string, id: string): Promise<LogLine | null> {
  const line = (await runQuery(LogLineById, { id })).log_by_pk;
  return line && line.flow_run_id === runId ? line : null;
}

const LogDownloadPage = graphql(`
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

const DOWNLOAD_PAGE = 2000;

/** Saves every line matching the filters (not only those held) as `<run name>.log`. */
export async function downloadLog(runId: string, filter: Log_Bool_Exp, runName: string): Promise<void> {
  const all = await collectPages(async (offset, limit) => (await runQuery(LogDownloadPage, { where: { ...filter, flow_run_id: { _eq: runId } }, offset, limit })).log, DOWNLOAD_PAGE);
  const blob = new Blob([`${all.map((l) => logLineText(l)).join("\n")}\n`], { type: "text/plain" });
  const a = document.createElement("a");
  a.href = URL.createObjectURL(blob);
  a.download = `${runName.replace(/[^\w.-]+/g, "_")}.log`;
  a.click();
  setTimeout(() => URL.revokeObjectURL(a.href), 10_000);
}
