import { Link } from "react-router";
import { graphql } from "../../../core/gql/gql.ts";
import type { Dashboard_FlowsQuery } from "../../../core/gql/graphql.ts";
import { FAILED_STATES } from "../../../core/states.ts";
import { agentListOptions } from "../../components/agents-query.ts";
import { type Column, DataTable, RunLink } from "../../components/data-table.tsx";
import { RunHistory } from "../../components/run-history.tsx";
import { StateBadge } from "../../components/state-badge.tsx";
import { Time, useNow } from "../../components/time.tsx";
import { Empty, SkeletonRows, Tile } from "../../components/ui/card.tsx";
import { Button } from "../../components/ui/button.tsx";
import { agentHealth, runAgentProblem } from "../../lib/agents.ts";
import { formatAgo, formatRelative } from "../../lib/format.ts";
import { gqlQueryOptions } from "../../lib/gql-query.ts";
import { flowKeys, flowRunKeys } from "../../lib/keys.ts";
import { useLiveQuery } from "../../lib/live-query.ts";
import type { useScopedAgents } from "./scoped-agents.ts";

const Flows = graphql(`
  query Dashboard_flows($projectId: uuid) {
    flow(where: { archived: { _eq: false }, project_id: { _eq: $projectId } }, order_by: { name: asc }) {
      id
      flow_group_id
      name
      version
      project {
        id
        name
      }
      flow_runs(where: { state: { _neq: "Scheduled" } }, order_by: { scheduled_start_time: desc }, limit: 1) {
        id
        state
      }
    }
  }
`);

const History = graphql(`
  query Dashboard_history($projectId: uuid, $since: timestamptz!) {
    flow_run(where: { flow: { project_id: { _eq: $projectId } }, state: { _neq: "Scheduled" }, scheduled_start_time: { _gte: $since } }, order_by: { scheduled_start_time: desc }, limit: 60) {
      ...RunHistory_run
    }
  }
`);

const Upcoming = graphql(`
  query Dashboard_upcoming($projectId: uuid) {
    flow_run(where: { flow: { project_id: { _eq: $projectId } }, state: { _eq: "Scheduled" } }, order_by: { scheduled_start_time: asc }, limit: 20) {
      id
      name
      labels
      scheduled_start_time
      flow {
        id
        name
      }
    }
  }
`);

const InProgress = graphql(`
  query Dashboard_inProgress($projectId: uuid) {
    flow_run(where: { flow: { project_id: { _eq: $projectId } }, state: { _in: ["Submitted", "Running", "Cancelling"] } }, order_by: { start_time: desc_nulls_first }, limit: 20) {
      id
      name
      state
      start_time
      flow {
        id
        name
      }
    }
  }
`);

const Failures = graphql(`
  query Dashboard_failures($projectId: uuid, $failed: [String!]) {
    flow_run(where: { flow: { project_id: { _eq: $projectId } }, state: { _in: $failed } }, order_by: { state_timestamp: desc_nulls_last }, limit: 10) {
      id
      name
      state
      state_message
      state_timestamp
      flow {
        id
        name
      }
    }
  }
`);

interface Scoped {
  projectId: string | null;
}

/** Each tile's query, by project scope: the tiles read them, and the route's loader starts them all at once. */
export const tileQueries = {
  flows: (projectId: string | null) => gqlQueryOptions(flowKeys.list(projectId), Flows, { projectId }),
  history: (projectId: string | null, since: string) => gqlQueryOptions(flowRunKeys.history({ projectId, since }), History, { projectId, since }),
  upcoming: (projectId: string | null) => gqlQueryOptions(flowRunKeys.list({ projectId, upcoming: true }), Upcoming, { projectId }),
  inProgress: (projectId: string | null) => gqlQueryOptions(flowRunKeys.list({ projectId, inProgress: true }), InProgress, { projectId }),
  failures: (projectId: string | null) => gqlQueryOptions(flowRunKeys.list({ projectId, failed: true }), Failures, { projectId, failed: FAILED_STATES }),
  agents: () => agentListOptions(),
};

const FLOW_COLUMNS: Column<Dashboard_FlowsQuery["flow"][number]>[] = [
  {
    header: "Flow",
    cell: (f) => (
      <Link to={`/flow/${f.flow_group_id}`} className="font-medium text-primary hover:underline">
        {f.name}
      </Link>
    ),
  },
  { header: "Project", cell: (f) => f.project?.name },
  { header: "Version", cell: (f) => f.version },
  { header: "Last run", cell: (f) => (f.flow_runs[0] ? <StateBadge state={f.flow_runs[0].state} /> : <span className="text-muted-foreground">never run</span>) },
];

export function FlowsTile({ projectId }: Scoped) {
  const q = useLiveQuery(tileQueries.flows(projectId));
  return (
    <Tile title="Flows">
      {q.isPending ? (
        <SkeletonRows />
      ) : q.isError ? (
        <RetryLine onRetry={() => q.refetch()} />
      ) : q.data.flow.length === 0 ? (
        <Empty>
          No flows yet. Register one: <code>npx tsx examples/hello-flow.ts</code>
        </Empty>
      ) : (
        <DataTable columns={FLOW_COLUMNS} rows={q.data.flow} rowKey={(f) => f.id} />
      )}
    </Tile>
  );
}

/** The latest runs of the window, one bar each: duration and state at a glance. */
export function HistoryTile({ projectId, since }: Scoped & { since: string }) {
  const q = useLiveQuery(tileQueries.history(projectId, since));
  return (
    <Tile title="Run durations">
      {q.isPending ? <SkeletonRows /> : q.isError ? <RetryLine onRetry={() => q.refetch()} /> : q.data.flow_run.length === 0 ? <Empty>No runs in this window. Open a flow and press Quick Run.</Empty> : <RunHistory runs={q.data.flow_run} label="Recent runs" />}
    </Tile>
  );
}

export function UpcomingTile({ projectId }: Scoped) {
  const q = useLiveQuery(tileQueries.upcoming(projectId));
  const agents = useLiveQuery(tileQueries.agents());
  const now = useNow(true, 30_000);
  return (
    <Tile title="Upcoming runs">
      {q.isPending ? (
        <SkeletonRows />
      ) : q.isError ? (
        <RetryLine onRetry={() => q.refetch()} />
      ) : q.data.flow_run.length === 0 ? (
        <Empty>Nothing scheduled. Runs you start, and runs of flows with an active schedule, show up here.</Empty>
      ) : (
        <ul className="flex flex-col gap-1.5 text-sm">
          {q.data.flow_run.map((r) => {
            const problem = agents.data ? runAgentProblem(r.labels, agents.data.agent, now) : null;
            return (
              <li key={r.id} className="flex flex-wrap items-center gap-2">
                <RunLink className="truncate" id={r.id} name={`${r.flow?.name ?? ""} · ${r.name ?? ""}`} />
                <span className="text-muted-foreground">{formatRelative(r.scheduled_start_time, now)}</span>
                {problem ? (
                  <span role="note" className="text-xs text-warning">
                    {problem === "no-agent" ? "No healthy agent is running." : `No healthy agent has the labels ${JSON.stringify(r.labels)}.`}
                  </span>
                ) : null}
              </li>
            );
          })}
        </ul>
      )}
    </Tile>
  );
}

export function InProgressTile({ projectId }: Scoped) {
  const q = useLiveQuery(tileQueries.inProgress(projectId));
  return (
    <Tile title="In progress">
      {q.isPending ? (
        <SkeletonRows />
      ) : q.isError ? (
        <RetryLine onRetry={() => q.refetch()} />
      ) : q.data.flow_run.length === 0 ? (
        <Empty>Nothing running right now.</Empty>
      ) : (
        <ul className="flex flex-col gap-1.5 text-sm">
          {q.data.flow_run.map((r) => (
            <li key={r.id} className="flex items-center gap-2">
              <StateBadge state={r.state} />
              <RunLink className="truncate" id={r.id} name={`${r.flow?.name ?? ""} · ${r.name ?? ""}`} />
            </li>
          ))}
        </ul>
      )}
    </Tile>
  );
}

export function FailuresTile({ projectId }: Scoped) {
  const q = useLiveQuery(tileQueries.failures(projectId));
  return (
    <Tile title="Recent failures">
      {q.isPending ? (
        <SkeletonRows />
      ) : q.isError ? (
        <RetryLine onRetry={() => q.refetch()} />
      ) : q.data.flow_run.length === 0 ? (
        <Empty>No failures. Nice.</Empty>
      ) : (
        <ul className="flex flex-col gap-2 text-sm">
          {q.data.flow_run.map((r) => (
            <li key={r.id} className="flex flex-col">
              <span className="flex items-center gap-2">
                <StateBadge state={r.state} />
                <RunLink className="truncate" id={r.id} name={`${r.flow?.name ?? ""} · ${r.name ?? ""}`} />
                <span className="ml-auto text-xs text-muted-foreground">
                  <Time iso={r.state_timestamp} />
                </span>
              </span>
              {r.state_message ? <span className="truncate text-xs text-muted-foreground">{r.state_message}</span> : null}
            </li>
          ))}
        </ul>
      )}
    </Tile>
  );
}

/**
 * The agents of the dashboard's scope (with a project chosen: those whose labels match the labels a
 * run of one of its flows gets), each with its health and when it was last seen, ticking.
 */
export function AgentsTile({ scope }: { scope: ReturnType<typeof useScopedAgents> }) {
  const now = useNow(true, 1000);
  return (
    <Tile
      title="Agents"
      actions={
        <Link to="/agents" className="text-xs text-primary hover:underline">
          All agents
        </Link>
      }
    >
      {scope.isError ? (
        <RetryLine onRetry={() => scope.refetch()} />
      ) : scope.agents === undefined ? (
        <SkeletonRows />
      ) : scope.agents.length === 0 ? (
        <Empty>
          {scope.scoped ? "No agent has the labels this project's flows need. " : "No agent yet. "}
          Start one: <code>npx tern agent local start</code>
        </Empty>
      ) : (
        <ul className="flex flex-col gap-1.5 text-sm">
          {scope.scoped ? <li className="text-xs text-muted-foreground">Agents whose labels match this project's flows</li> : null}
          {scope.agents.map((a) => (
            <li key={a.id} className="flex items-center gap-2">
              <span className="font-medium">{a.name ?? a.id.slice(0, 8)}</span>
              <span className={agentHealth(a.last_queried, now) === "healthy" ? "text-xs text-success" : "text-xs text-warning"}>{agentHealth(a.last_queried, now)}</span>
              <span className="ml-auto text-xs text-muted-foreground">seen {formatAgo(a.last_queried, now)}</span>
            </li>
          ))}
        </ul>
      )}
    </Tile>
  );
}

function RetryLine({ onRetry }: { onRetry: () => void }) {
  return (
    <div role="alert" className="flex items-center gap-2 text-sm">
      Could not load this.
      <Button size="sm" onClick={onRetry}>
        Retry
      </Button>
    </div>
  );
}
