import { graphql } from "../../../core/gql/gql.ts";
import type { Agents_ListQuery, Agents_ScheduledQuery } from "../../../core/gql/graphql.ts";
import { agentListOptions } from "../../components/agents-query.ts";
import { type Column, DataTable, RunLink } from "../../components/data-table.tsx";
import { ErrorState } from "../../components/error-state.tsx";
import { StaleNotice } from "../../components/stale-notice.tsx";
import { Time, useNow } from "../../components/time.tsx";
import { Empty, SkeletonRows } from "../../components/ui/card.tsx";
import { agentHealth, agentRuntime, runsAgentCouldTake } from "../../lib/agents.ts";
import { formatAgo } from "../../lib/format.ts";
import { gqlQueryOptions } from "../../lib/gql-query.ts";
import { flowRunKeys } from "../../lib/keys.ts";
import { useLiveQuery } from "../../lib/live-query.ts";
import { queryClient } from "../../lib/query-client.ts";

/** Enough waiting runs to show a busy queue; past it the count reads "500+". */
const SCHEDULED_LIMIT = 500;

const Scheduled = graphql(`
  query Agents_scheduled($limit: Int!) {
    flow_run(where: { state: { _eq: "Scheduled" } }, order_by: { scheduled_start_time: asc }, limit: $limit) {
      id
      name
      labels
      flow {
        id
        name
      }
    }
  }
`);

const scheduledOptions = () => gqlQueryOptions(flowRunKeys.list({ scheduled: true, limit: SCHEDULED_LIMIT }), Scheduled, { limit: SCHEDULED_LIMIT });

export async function loader() {
  void queryClient.prefetchQuery(agentListOptions());
  void queryClient.prefetchQuery(scheduledOptions());
  return null;
}

const HEALTH_CLASS = { healthy: "text-success", stale: "text-warning", unhealthy: "text-danger" } as const;
const KIND = { tern: "Tern", python: "Prefect 1 (Python)" } as const;

type Agent = Agents_ListQuery["agent"][number];
type ScheduledRun = Agents_ScheduledQuery["flow_run"][number];

function Labels({ labels }: { labels: unknown }) {
  const list = Array.isArray(labels) ? labels.map(String) : [];
  if (list.length === 0) return <span className="text-muted-foreground">none</span>;
  return (
    <ul aria-label="Labels" className="flex flex-wrap gap-1">
      {list.map((l) => (
        <li key={l} className="rounded-full border bg-muted px-2 py-0.5 text-xs">
          {l}
        </li>
      ))}
    </ul>
  );
}

/** The Scheduled runs whose labels the agent matches (the server's claim rule), as a count that opens into links. */
function CouldTake({ runs, capped }: { runs: readonly ScheduledRun[]; capped: boolean }) {
  if (runs.length === 0) return <span className="text-muted-foreground">none waiting</span>;
  const count = `${runs.length}${capped ? "+" : ""} scheduled ${runs.length === 1 ? "run" : "runs"}`;
  return (
    <details>
      <summary className="cursor-pointer text-primary">{count}</summary>
      <ul className="mt-1 flex max-h-40 flex-col gap-0.5 overflow-y-auto">
        {runs.map((r) => (
          <li key={r.id}>
            <RunLink id={r.id} name={`${r.flow?.name ?? ""} · ${r.name ?? r.id}`} />
          </li>
        ))}
      </ul>
    </details>
  );
}

/** Health and "last seen" read the clock, so the columns are made per render with `now`. */
function agentColumns(now: number, scheduled: readonly ScheduledRun[] | undefined): Column<Agent>[] {
  return [
    { header: "Name", cell: (a) => a.name ?? a.id, className: "font-medium" },
    { header: "Kind", cell: (a) => `${KIND[agentRuntime(a)]}${a.type ? ` · ${a.type}` : ""}` },
    { header: "Labels", cell: (a) => <Labels labels={a.labels} /> },
    {
      header: "Health",
      cell: (a) => {
        const health = agentHealth(a.last_queried, now);
        return <span className={HEALTH_CLASS[health]}>{health}</span>;
      },
    },
    { header: "Last seen", cell: (a) => (a.last_queried ? <time dateTime={a.last_queried}>{formatAgo(a.last_queried, now)}</time> : "never"), className: "whitespace-nowrap tabular-nums" },
    {
      header: "Could take now",
      cell: (a) => (scheduled === undefined ? "…" : <CouldTake runs={runsAgentCouldTake(a, scheduled)} capped={scheduled.length >= SCHEDULED_LIMIT} />),
    },
    { header: "Registered", cell: (a) => <Time iso={a.created} />, className: "whitespace-nowrap" },
  ];
}

export function Component() {
  const q = useLiveQuery(agentListOptions());
  const scheduled = useLiveQuery(scheduledOptions());
  const now = useNow(true, 1000);
  document.title = "Agents · Tern";
  if (q.isPending) return <SkeletonRows rows={4} />;
  if (q.data === undefined) return <ErrorState error={q.error} onRetry={() => q.refetch()} />;
  return (
    <div className="flex flex-col gap-4">
      <StaleNotice query={q} />
      <h1 className="text-xl font-semibold">Agents</h1>
      {q.data.agent.length === 0 ? (
        <Empty>
          No agent has registered. Start one: <code>npx tern agent local start</code>
        </Empty>
      ) : (
        <>
          <p className="text-sm text-muted-foreground">An agent takes a scheduled run when its labels include all of the run's labels; a run without labels goes only to an agent without labels.</p>
          <DataTable label="Agents" columns={agentColumns(now, scheduled.data?.flow_run)} rows={q.data.agent} rowKey={(a) => a.id} />
        </>
      )}
    </div>
  );
}
