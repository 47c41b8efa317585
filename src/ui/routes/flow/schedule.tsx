import { graphql } from "../../../core/gql/gql.ts";
import { RunLink } from "../../components/data-table.tsx";
import { Time } from "../../components/time.tsx";
import { Tile } from "../../components/ui/card.tsx";
import { gqlQueryOptions } from "../../lib/gql-query.ts";
import { flowRunKeys } from "../../lib/keys.ts";
import { useLiveQuery } from "../../lib/live-query.ts";
import { scheduleText } from "../../lib/schedule-text.ts";

/** How many of the runs the scheduler made ahead the page lists. */
const NEXT_RUNS_SHOWN = 5;

const NextRuns = graphql(`
  query Flow_nextRuns($flowId: uuid!, $limit: Int!) {
    flow_run(where: { flow_id: { _eq: $flowId }, state: { _eq: "Scheduled" } }, order_by: { scheduled_start_time: asc }, limit: $limit) {
      id
      name
      scheduled_start_time
    }
  }
`);

/** The flow version's schedule in words and the next runs it made (none while it is off). */
export function FlowSchedule({ flowId, schedule, active }: { flowId: string; schedule: unknown; active: boolean }) {
  const words = scheduleText(schedule);
  const q = useLiveQuery(gqlQueryOptions(flowRunKeys.list({ flowId, next: true }), NextRuns, { flowId, limit: NEXT_RUNS_SHOWN }));
  if (!words) return null;
  const runs = q.data?.flow_run ?? [];
  return (
    <Tile title="Schedule">
      <p className="text-sm">{words}</p>
      {!active ? (
        <p className="text-sm text-muted-foreground">The schedule is off: no runs are made.</p>
      ) : runs.length === 0 ? (
        <p className="text-sm text-muted-foreground">{q.isPending ? "Loading the next runs…" : "No upcoming runs yet: the scheduler makes them shortly."}</p>
      ) : (
        <ol aria-label="Next runs" className="flex flex-col gap-1 text-sm">
          {runs.map((r) => (
            <li key={r.id} className="flex gap-3">
              <Time iso={r.scheduled_start_time} />
              <RunLink id={r.id} name={r.name} />
            </li>
          ))}
        </ol>
      )}
    </Tile>
  );
}
