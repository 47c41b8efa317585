import { graphql } from "../../../core/gql/gql.ts";
import type { Flow_Run_Bool_Exp } from "../../../core/gql/graphql.ts";
import { gqlQueryOptions } from "../../lib/gql-query.ts";
import { flowRunKeys } from "../../lib/keys.ts";
import { OUTCOME_STATES } from "../../lib/run-window.ts";

/** One count: a live query may have one root field, so each number the summary shows is its own query. */
const Count = graphql(`
  query Dashboard_count($where: flow_run_bool_exp!) {
    flow_run_aggregate(where: $where) {
      aggregate {
        count
      }
    }
  }
`);

/** A chart bucket's runs by outcome, in one request (the chart refreshes these when the summary moves). */
const OutcomeCounts = graphql(`
  query Dashboard_outcomeCounts($where: flow_run_bool_exp!, $succeeded: [String!]!, $failed: [String!]!, $cancelled: [String!]!, $other: [String!]!) {
    Succeeded: flow_run_aggregate(where: { _and: [$where, { state: { _in: $succeeded } }] }) {
      aggregate {
        count
      }
    }
    Failed: flow_run_aggregate(where: { _and: [$where, { state: { _in: $failed } }] }) {
      aggregate {
        count
      }
    }
    Cancelled: flow_run_aggregate(where: { _and: [$where, { state: { _in: $cancelled } }] }) {
      aggregate {
        count
      }
    }
    Other: flow_run_aggregate(where: { _and: [$where, { state: { _in: $other } }] }) {
      aggregate {
        count
      }
    }
  }
`);

/** Runs of the project (all projects when null), optionally scheduled in [since, until). */
export function runsWhere(projectId: string | null, range?: { since: string; until: string }): Flow_Run_Bool_Exp {
  return {
    ...(projectId ? { flow: { project_id: { _eq: projectId } } } : {}),
    ...(range ? { scheduled_start_time: { _gte: range.since, _lt: range.until } } : {}),
  };
}

export const countOptions = (where: Flow_Run_Bool_Exp) => gqlQueryOptions(flowRunKeys.count({ where }), Count, { where });

export const outcomeCountsOptions = (where: Flow_Run_Bool_Exp) =>
  gqlQueryOptions(flowRunKeys.count({ where, by: "outcome" }), OutcomeCounts, {
    where,
    succeeded: OUTCOME_STATES.Succeeded,
    failed: OUTCOME_STATES.Failed,
    cancelled: OUTCOME_STATES.Cancelled,
    other: OUTCOME_STATES.Other,
  });

/** Whether a cache key is one of the outcome-count queries (so they can be refreshed together). */
export const isOutcomeCountKey = (key: readonly unknown[]) => key[1] === "count" && (key[2] as { by?: string } | undefined)?.by === "outcome";
