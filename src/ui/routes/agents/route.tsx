import type { Agents_ListQuery } from "../../../core/gql/graphql.ts";
import { agentListOptions } from "../../components/agents-query.ts";
import { type Column, DataTable } from "../../components/data-table.tsx";
import { ErrorState } from "../../components/error-state.tsx";
import { StaleNotice } from "../../components/stale-notice.tsx";
import { Time, useNow } from "../../components/time.tsx";
import { Empty, SkeletonRows } from "../../components/ui/card.tsx";
import { agentHealth } from "../../lib/agents.ts";
import { formatAgo } from "../../lib/format.ts";
import { useLiveQuery } from "../../lib/live-query.ts";
import { queryClient } from "../../lib/query-client.ts";

export async function loader() {
  void queryClient.prefetchQuery(agentListOptions());
  return null;
}

const HEALTH_CLASS = { healthy: "text-success", stale: "text-warning", unhealthy: "text-danger" } as const;

/** Health and "last queried" read the clock, so the columns are made per render with `now`. */
function agentColumns(now: number): Column<Agents_ListQuery["agent"][number]>[] {
  return [
    { header: "Name", cell: (a) => a.name ?? a.id, className: "font-medium" },
    { header: "Type", cell: (a) => a.type },
    { header: "Labels", cell: (a) => (Array.isArray(a.labels) && a.labels.length ? a.labels.join(", ") : "none") },
    {
      header: "Health",
      cell: (a) => {
        const health = agentHealth(a.last_queried, now);
        return <span className={HEALTH_CLASS[health]}>{health}</span>;
      },
    },
    { header: "Last queried", cell: (a) => formatAgo(a.last_queried, now) },
    { header: "Registered", cell: (a) => <Time iso={a.created} /> },
  ];
}

export function Component() {
  const q = useLiveQuery(agentListOptions());
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
        <DataTable columns={agentColumns(now)} rows={q.data.agent} rowKey={(a) => a.id} />
      )}
    </div>
  );
}
