import { agentListOptions } from "../../components/agents-query.ts";
import { ErrorState, RouteError } from "../../components/error-state.tsx";
import { Time, useNow } from "../../components/time.tsx";
import { Empty, SkeletonRows } from "../../components/ui/card.tsx";
import { agentHealth } from "../../lib/agents.ts";
import { formatRelative } from "../../lib/format.ts";
import { useLiveQuery } from "../../lib/live-query.ts";
import { queryClient } from "../../lib/query-client.ts";

export async function loader() {
  void queryClient.prefetchQuery(agentListOptions());
  return null;
}

const HEALTH_CLASS = { healthy: "text-[var(--state-Success)]", stale: "text-warning", unhealthy: "text-danger" } as const;

export function Component() {
  const q = useLiveQuery(agentListOptions());
  const now = useNow(true, 10_000);
  document.title = "Agents · Tern";
  if (q.isPending) return <SkeletonRows rows={4} />;
  if (q.isError) return <ErrorState error={q.error} onRetry={() => q.refetch()} />;
  return (
    <div className="flex flex-col gap-4">
      <h1 className="text-xl font-semibold">Agents</h1>
      {q.data.agent.length === 0 ? (
        <Empty>
          No agent has registered. Start one: <code>npx tern agent local start</code>
        </Empty>
      ) : (
        <table className="w-full text-sm">
          <thead className="text-left text-xs text-muted-foreground">
            <tr>
              <th className="py-1 font-normal">Name</th>
              <th className="font-normal">Type</th>
              <th className="font-normal">Labels</th>
              <th className="font-normal">Health</th>
              <th className="font-normal">Last queried</th>
              <th className="font-normal">Registered</th>
            </tr>
          </thead>
          <tbody>
            {q.data.agent.map((a) => {
              const health = agentHealth(a.last_queried, now);
              return (
                <tr key={a.id} className="border-t">
                  <td className="py-2 font-medium">{a.name ?? a.id}</td>
                  <td>{a.type}</td>
                  <td>{Array.isArray(a.labels) && a.labels.length ? a.labels.join(", ") : "none"}</td>
                  <td className={HEALTH_CLASS[health]}>{health}</td>
                  <td>{formatRelative(a.last_queried, now)}</td>
                  <td>
                    <Time iso={a.created} />
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      )}
    </div>
  );
}

export const ErrorBoundary = RouteError;
