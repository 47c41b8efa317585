import { graphql } from "../../core/gql/gql.ts";
import { gqlQueryOptions } from "../lib/gql-query.ts";
import { agentKeys } from "../lib/keys.ts";

const Agents = graphql(`
  query Agents_list {
    agent(order_by: { last_queried: desc_nulls_last }) {
      id
      name
      type
      labels
      core_version
      last_queried
      created
    }
  }
`);

/** The agents list: the dashboard tile, the agents page and the run page's "why still scheduled?" use it. */
export const agentListOptions = () => gqlQueryOptions(agentKeys.list(), Agents, {});
