import { graphql } from "../../../core/gql/gql.ts";
import { StateBadge } from "../../components/state-badge.tsx";
import { Time } from "../../components/time.tsx";
import { SkeletonRows, Tile } from "../../components/ui/card.tsx";
import { gqlQueryOptions } from "../../lib/gql-query.ts";
import { flowRunKeys } from "../../lib/keys.ts";
import { useLiveQuery } from "../../lib/live-query.ts";

const StatesQuery = graphql(`
  query FlowRun_stateHistory($id: uuid!) {
    flow_run_by_pk(id: $id) {
      id
      states(order_by: { timestamp: asc }) {
        id
        state
        message
        timestamp
      }
    }
  }
`);

/** Every state the run held, oldest first, with its message: the engine's and the ones set by hand. */
export function StateHistory({ runId }: { runId: string }) {
  const q = useLiveQuery(gqlQueryOptions(flowRunKeys.states(runId), StatesQuery, { id: runId }));
  const states = q.data?.flow_run_by_pk?.states;
  if (!states) return <SkeletonRows />;
  return (
    <Tile title="State history">
      <ol aria-label="State history" className="flex flex-col gap-1 text-sm">
        {states.map((s) => (
          <li key={s.id} className="flex items-center gap-2">
            <StateBadge state={s.state} />
            <Time iso={s.timestamp} />
            <span className="truncate text-muted-foreground">{s.message}</span>
          </li>
        ))}
      </ol>
    </Tile>
  );
}
