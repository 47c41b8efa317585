import { type LoaderFunctionArgs, Link, useParams } from "react-router";
import { useEffect } from "react";
import { graphql } from "../../../core/gql/gql.ts";
import { agentListOptions } from "../../components/agents-query.ts";
import { taskRunCountsOptions } from "../../components/task-run-counts.ts";
import { ErrorState } from "../../components/error-state.tsx";
import { StaleNotice } from "../../components/stale-notice.tsx";
import { StateBadge } from "../../components/state-badge.tsx";
import { useNow } from "../../components/time.tsx";
import { SkeletonRows } from "../../components/ui/card.tsx";
import { Tabs } from "../../components/ui/tabs.tsx";
import { type RunFlowLike, runAgentHint, runAgentProblem } from "../../lib/agents.ts";
import { gqlQueryOptions } from "../../lib/gql-query.ts";
import { flowRunKeys } from "../../lib/keys.ts";
import { ensureLiveQueryData, useLiveQuery } from "../../lib/live-query.ts";
import { isUuid } from "../../lib/ids.ts";
import { queryClient } from "../../lib/query-client.ts";
import { parseSearch, useSearchState } from "../../lib/search-state.ts";
import { stateFavicon } from "../../lib/states.ts";
import { RunActions } from "./actions.tsx";
import { RunFacts } from "./header.tsx";
import { LogsPanel } from "./logs.tsx";
import { RunProgress } from "./progress.tsx";
import { RunAgain } from "./run-again.tsx";
import { RunSchematic } from "./schematic.tsx";
import { flowRunSearch } from "./search.ts";
import { StateHistory } from "./state-history.tsx";
import { TaskRunTable, taskRunsOptions } from "./task-runs.tsx";
import { Timeline } from "./timeline.tsx";

const Detail = graphql(`
  query FlowRun_detail($id: uuid!) {
    flow_run_by_pk(id: $id) {
      id
      name
      state
      state_message
      state_timestamp
      labels
      version
      ...RunHeader_flowRun
      flow {
        id
        name
        version
        flow_group_id
        storage
        run_config
        project {
          id
          name
        }
      }
    }
  }
`);

export const detailOptions = (id: string) => gqlQueryOptions(flowRunKeys.detail(id), Detail, { id });

export async function loader({ params, request }: LoaderFunctionArgs) {
  if (!isUuid(params.id)) throw new Response("Not found", { status: 404 });
  // Through the run's live streams: a run just started changes within milliseconds, and the page
  // shows each change as soon as its stream is open. The run's own stream goes first, alone (the
  // server answers its first result sooner without the others' reads beside it); the overview's task
  // runs and counts start once it has answered, before the page renders, and are not waited for.
  const data = await ensureLiveQueryData(detailOptions(params.id), queryClient);
  const search = parseSearch(flowRunSearch, new URL(request.url).searchParams);
  if (data.flow_run_by_pk && search.tab === "overview") {
    void ensureLiveQueryData(taskRunCountsOptions(params.id), queryClient).catch(() => {});
    void ensureLiveQueryData(taskRunsOptions(params.id, search), queryClient).catch(() => {});
  }
  if (!data.flow_run_by_pk) throw new Response("Not found", { status: 404 });
  return null;
}

const TABS = [
  { id: "overview", label: "Overview" },
  { id: "schematic", label: "Schematic" },
  { id: "timeline", label: "Timeline" },
  { id: "history", label: "History" },
] as const;

export function Component() {
  const id = useParams().id as string;
  const [search, setSearch] = useSearchState(flowRunSearch);
  const q = useLiveQuery(detailOptions(id));
  const run = q.data?.flow_run_by_pk;
  usePageState(run?.name ?? "Flow run", run?.state);
  if (q.isPending) return <SkeletonRows rows={6} />;
  if (q.data === undefined) return <ErrorState error={q.error} onRetry={() => q.refetch()} />;
  if (!run) return <ErrorState error={new Error("This flow run does not exist.")} />;
  return (
    <div className="flex flex-col gap-4">
      <StaleNotice query={q} />
      <header className="flex flex-wrap items-start gap-4">
        <div className="flex min-w-0 flex-col gap-1">
          <p className="text-sm text-muted-foreground">
            {run.flow?.project ? (
              <>
                <Link className="hover:underline" to={`/?project=${run.flow.project.id}`}>
                  {run.flow.project.name}
                </Link>{" "}
                /{" "}
              </>
            ) : null}
            {run.flow ? (
              <Link className="text-primary hover:underline" to={`/flow/${run.flow.flow_group_id}`}>
                {run.flow.name}
              </Link>
            ) : null}
          </p>
          <h1 className="flex items-center gap-3 text-xl font-semibold">
            <span className="truncate">{run.name ?? run.id}</span>
            <span aria-label="Run state" role="status">
              <StateBadge state={run.state} />
            </span>
          </h1>
          <RunFacts run={run} />
          {run.state_message ? <p className="text-sm">{run.state_message}</p> : null}
          <WhyScheduled state={run.state} stateTimestamp={run.state_timestamp} labels={run.labels} flow={run.flow} />
        </div>
        <div className="ml-auto flex items-start gap-2">
          <RunAgain run={run} />
          <RunActions runId={run.id} state={run.state} version={run.version} />
        </div>
      </header>
      <RunProgress runId={run.id} />
      <Tabs label="Run views" tabs={TABS} value={search.tab} onChange={(tab) => setSearch({ tab })}>
        {search.tab === "overview" ? (
          <div className="grid gap-4 xl:grid-cols-2">
            <TaskRunTable runId={run.id} />
            <LogsPanel runId={run.id} runName={run.name ?? run.id} />
          </div>
        ) : search.tab === "schematic" ? (
          <RunSchematic runId={run.id} />
        ) : search.tab === "history" ? (
          <StateHistory runId={run.id} />
        ) : (
          <Timeline runId={run.id} />
        )}
      </Tabs>
    </div>
  );
}

/** Title and favicon show the run's state, so a background tab tells you when it finishes. */
function usePageState(name: string, state: string | null | undefined) {
  useEffect(() => {
    document.title = `${state ? `${state} · ` : ""}${name} · Tern`;
    const icon = document.querySelector<HTMLLinkElement>("link[rel=icon]");
    if (!icon) return;
    const original = icon.href;
    icon.href = stateFavicon(state);
    return () => {
      icon.href = original;
    };
  }, [name, state]);
}

/** A run still Scheduled a few seconds after it was due: say why nobody picks it up. */
function WhyScheduled({
  state,
  stateTimestamp,
  labels,
  flow,
}: {
  state: string | null | undefined;
  stateTimestamp: string | null | undefined;
  labels: unknown;
  flow: RunFlowLike | null | undefined;
}) {
  const waiting = state === "Scheduled";
  const now = useNow(waiting, 1000);
  const agents = useLiveQuery(agentListOptions(), { enabled: waiting });
  if (!waiting || !stateTimestamp || now - Date.parse(stateTimestamp) < 5000 || !agents.data) return null;
  const text = runAgentHint(runAgentProblem(labels, agents.data.agent, now, flow), labels);
  return (
    <p role="note" className="text-sm text-warning">
      {text}
    </p>
  );
}
