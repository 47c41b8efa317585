import { type LoaderFunctionArgs, Link, useParams } from "react-router";
import { useEffect, useState } from "react";
import { agentListOptions } from "../../components/agents-query.ts";
import { taskRunCountsOptions } from "../../components/task-run-counts.ts";
import { runDetailOptions as detailOptions, startedHere, taskRunsOptions } from "../../components/flow-run-queries.ts";
import type { FlowRun_DetailQuery } from "../../../core/gql/graphql.ts";
import { isFinished, isStateName } from "../../../core/states.ts";
import { ErrorState } from "../../components/error-state.tsx";
import { StaleNotice } from "../../components/stale-notice.tsx";
import { StateBadge } from "../../components/state-badge.tsx";
import { useNow } from "../../components/time.tsx";
import { SkeletonRows, Tile } from "../../components/ui/card.tsx";
import { Tabs } from "../../components/ui/tabs.tsx";
import { type RunFlowLike, runAgentHint, runAgentProblem } from "../../lib/agents.ts";
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
import { TaskRunTable } from "./task-runs.tsx";
import { Timeline } from "./timeline.tsx";

export async function loader({ params, request }: LoaderFunctionArgs) {
  const id = params.id;
  if (!isUuid(id)) throw new Response("Not found", { status: 404 });
  // A run this page just started exists, and its stream is already open (openNewRunStream): the page
  // renders at once and fills in as its streams answer, instead of rendering only after the first.
  if (startedHere(id)) return null;
  // Through the run's live streams: a run just started changes within milliseconds, and the page
  // shows each change as soon as its stream is open. The run's own stream goes first, alone (the
  // server answers its first result sooner without the others' reads beside it; it carries the task
  // table's first page); the overview's counts (and another table page) start once it has answered,
  // before the page renders, and are not waited for.
  const data = await ensureLiveQueryData(detailOptions(id), queryClient);
  if (!data.flow_run_by_pk) throw new Response("Not found", { status: 404 });
  const search = parseSearch(flowRunSearch, new URL(request.url).searchParams);
  if (search.tab === "overview") {
    void ensureLiveQueryData(taskRunCountsOptions(id), queryClient).catch(() => {});
    void ensureLiveQueryData(taskRunsOptions(id, search), queryClient).catch(() => {});
  }
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
  const painted = useAfterFirstPaint();
  const secondary = useSecondaryStreams(id, run?.state);
  // A run started here renders its page before its first result (see the loader); any other waits.
  if (q.isPending && !startedHere(id)) return <SkeletonRows rows={6} />;
  if (!q.isPending && q.data === undefined) return <ErrorState error={q.error} onRetry={() => q.refetch()} />;
  if (q.data && !run) return <ErrorState error={new Error("This flow run does not exist.")} />;
  return (
    <div className="flex flex-col gap-4">
      <StaleNotice query={q} />
      {run ? <RunHeader run={run} /> : <SkeletonRows rows={3} />}
      <RunProgress runId={id} live={secondary} />
      <Tabs label="Run views" tabs={TABS} value={search.tab} onChange={(tab) => setSearch({ tab })}>
        {search.tab === "overview" ? (
          <div className="grid gap-4 xl:grid-cols-2">
            <TaskRunTable runId={id} countsLive={secondary} />
            {painted && secondary ? (
              <LogsPanel runId={id} runName={run?.name ?? id} />
            ) : (
              <Tile title="Logs">
                <SkeletonRows rows={3} />
              </Tile>
            )}
          </div>
        ) : search.tab === "schematic" ? (
          <RunSchematic runId={id} />
        ) : search.tab === "history" ? (
          <StateHistory runId={id} />
        ) : (
          <Timeline runId={id} />
        )}
      </Tabs>
    </div>
  );
}

/** Where the run comes from, its name and state, its facts, and what can be done with it. */
function RunHeader({ run }: { run: NonNullable<FlowRun_DetailQuery["flow_run_by_pk"]> }) {
  return (
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
  );
}

/**
 * False until the page has painted once after mounting: the log panel (a virtual list that measures
 * itself, its own streams) mounts then, after the run's state and task rows are on screen.
 */
function useAfterFirstPaint(): boolean {
  const [painted, setPainted] = useState(false);
  useEffect(() => {
    let timer: ReturnType<typeof setTimeout> | undefined;
    // A frame's callback runs before it paints; a task queued from there runs after.
    const frame = requestAnimationFrame(() => {
      timer = setTimeout(() => setPainted(true), 0);
    });
    return () => {
      cancelAnimationFrame(frame);
      clearTimeout(timer);
    };
  }, []);
  return painted;
}

/**
 * Whether the page's other streams (the task-run counts, the logs) may open. For a run this tab has
 * just started, not before the run has finished or SECONDARY_STREAMS_AFTER_MS have passed: each
 * stream's first answer and its re-runs on the run's changes take server time on the 2-core
 * machines Tern runs on, and the run itself needs the server then (the first-clicks bench's split: a
 * run's created→Success took ~90 ms with only the run's own stream open, ~130 with counts and logs
 * beside it). Its state and task rows come on the run's own stream meanwhile. Any other run: at once.
 */
function useSecondaryStreams(runId: string, state: string | null | undefined): boolean {
  // Per run: "Run again" moves this same page to a new run started here, which waits afresh.
  const [waitedFor, setWaitedFor] = useState<string | null>(null);
  const waited = waitedFor === runId || !startedHere(runId);
  useEffect(() => {
    if (waited) return;
    const timer = setTimeout(() => setWaitedFor(runId), SECONDARY_STREAMS_AFTER_MS);
    return () => clearTimeout(timer);
  }, [runId, waited]);
  return waited || (!!state && isStateName(state) && isFinished(state));
}

/** The longest a run started here waits for its page's counts and logs (see useSecondaryStreams). */
const SECONDARY_STREAMS_AFTER_MS = 300;

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
  // The agents are asked for only once the wait is long enough to explain: a run is Scheduled for a
  // few milliseconds when all is well, and its page's first requests are the ones it waits for.
  const late = waiting && stateTimestamp != null && now - Date.parse(stateTimestamp) >= 5000;
  const agents = useLiveQuery(agentListOptions(), { enabled: late });
  if (!late || !agents.data) return null;
  const text = runAgentHint(runAgentProblem(labels, agents.data.agent, now, flow), labels);
  return (
    <p role="note" className="text-sm text-warning">
      {text}
    </p>
  );
}
