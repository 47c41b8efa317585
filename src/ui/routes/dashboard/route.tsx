import { type LoaderFunctionArgs, useSearchParams } from "react-router";
import type { FetchQueryOptions, QueryKey } from "@tanstack/react-query";
import { useCallback, useMemo, useState } from "react";
import { graphql } from "../../../core/gql/gql.ts";
import { ProjectDialog } from "../../components/project-dialog.tsx";
import { Button } from "../../components/ui/button.tsx";
import { Select } from "../../components/ui/field.tsx";
import { gqlQueryOptions } from "../../lib/gql-query.ts";
import { projectKeys } from "../../lib/keys.ts";
import { streamAware, useLiveQuery } from "../../lib/live-query.ts";
import { queryClient } from "../../lib/query-client.ts";
import { patchSearch } from "../../lib/search-state.ts";
import { useNow } from "../../components/time.tsx";
import { Tile } from "../../components/ui/card.tsx";
import { RUN_WINDOWS, type RunWindow, windowBuckets, windowLabel } from "../../lib/run-window.ts";
import { DASHBOARD_DEFAULTS, type DashboardSearch, dashboardSearch } from "./search.ts";
import { runsWhere } from "./counts.ts";
import { OutcomeChart } from "./outcome-chart.tsx";
import { RunsTile } from "./runs-tile.tsx";
import { useScopedAgents } from "./scoped-agents.ts";
import { SummaryStrip } from "./summary.tsx";
import { AgentsTile, FailuresTile, FlowsTile, HistoryTile, InProgressTile, tileQueries, UpcomingTile } from "./tiles.tsx";

const Projects = graphql(`
  query Dashboard_projects {
    project(order_by: { name: asc }) {
      id
      name
    }
  }
`);

const projectsOptions = () => gqlQueryOptions(projectKeys.list(), Projects, {});

/** The address's state and a setter for it, as the other views' useSearchState (search-state.ts) without zod (search.ts). */
function useDashboardSearch() {
  const [params, setParams] = useSearchParams();
  const state = useMemo(() => dashboardSearch(params), [params]);
  const update = useCallback(
    (patch: Partial<Record<keyof DashboardSearch, string | number | undefined | null>>) => setParams((prev) => patchSearch(prev, patch, DASHBOARD_DEFAULTS as unknown as Record<string, unknown>)),
    [setParams],
  );
  return [state, update] as const;
}

/**
 * The loader's queries, in the order it asks for them: the project list (the page waits for it), then
 * the tiles from the top, so on a cold load their data comes beside the list rather than a render and
 * a round trip later. first-queries.ts lists the same queries for the script inlined into index.html,
 * which sends them before the app has loaded (route.test.ts checks that the two agree).
 */
export function loaderQueries(project: string | null, window: RunWindow, now: number) {
  const { flows, history, upcoming, inProgress, failures, agents } = tileQueries;
  // The same window start the page computes (buckets align to the clock, so the keys match).
  const since = windowBuckets(window, now)[0].from;
  return { projects: projectsOptions(), tiles: [flows(project), history(project, since), upcoming(project), inProgress(project), failures(project), agents()] };
}

export async function loader({ request }: LoaderFunctionArgs) {
  const { project, window } = dashboardSearch(new URL(request.url).searchParams);
  const { projects, tiles } = loaderQueries(project, window, Date.now());
  const list = queryClient.ensureQueryData(projects);
  // (A project id that turns out not to exist only wastes its prefetch: the tiles then ask for all projects.)
  for (const tile of tiles as FetchQueryOptions<unknown, Error, unknown, QueryKey>[]) void queryClient.prefetchQuery(streamAware(tile, queryClient));
  await list;
  return null;
}

export function Component() {
  const [{ project, window, runState, runsPage }, setSearch] = useDashboardSearch();
  const [, setParams] = useSearchParams();
  const [dialogOpen, setDialogOpen] = useState(false);
  const projects = useLiveQuery(projectsOptions());
  const list = projects.data?.project ?? [];
  const projectId = list.some((p) => p.id === project) ? project : null;
  // Buckets (and the keys made from them) change only when a new bucket begins.
  const now = useNow(true, 5000);
  const buckets = windowBuckets(window, now);
  const range = { since: buckets[0].from, until: buckets[buckets.length - 1].to };
  const agents = useScopedAgents(projectId);
  document.title = "Dashboard · Tern";
  return (
    <div className="flex flex-col gap-4">
      <div className="flex flex-wrap items-end gap-3">
        <h1 className="mr-auto text-xl font-semibold">Dashboard</h1>
        <label className="flex items-center gap-2 text-sm">
          Project
          <Select value={projectId ?? ""} onChange={(e) => setSearch({ project: e.target.value || undefined, runsPage: undefined })}>
            <option value="">All projects</option>
            {list.map((p) => (
              <option key={p.id} value={p.id}>
                {p.name}
              </option>
            ))}
          </Select>
        </label>
        <label className="flex items-center gap-2 text-sm">
          Window
          <Select value={window} onChange={(e) => setSearch({ window: e.target.value, runsPage: undefined })}>
            {RUN_WINDOWS.map((w) => (
              <option key={w} value={w}>
                {windowLabel(w)}
              </option>
            ))}
          </Select>
        </label>
        <Button onClick={() => setDialogOpen(true)}>New project</Button>
      </div>
      <ProjectDialog
        open={dialogOpen}
        onClose={() => setDialogOpen(false)}
        takenNames={list.map((p) => p.name)}
        onCreated={(id) => setParams((prev) => ({ ...Object.fromEntries(prev), project: id }))}
      />
      <SummaryStrip projectId={projectId} window={window} range={range} agents={agents} now={now} />
      {/* Each tile has a fixed height (its list scrolls), so data arriving never moves the tiles below it. */}
      <div className="grid gap-4 lg:grid-cols-2 [&>*]:h-80 [&>*]:overflow-y-auto">
        <Tile title="Runs over time" className="lg:col-span-2">
          <OutcomeChart projectId={projectId} window={window} buckets={buckets} />
        </Tile>
        <FlowsTile projectId={projectId} />
        <HistoryTile projectId={projectId} since={range.since} />
        <InProgressTile projectId={projectId} />
        <UpcomingTile projectId={projectId} />
        <FailuresTile projectId={projectId} />
        <AgentsTile scope={agents} />
      </div>
      <RunsTile
        where={runsWhere(projectId, range)}
        state={runState}
        page={runsPage}
        onFilter={(patch) => setSearch(patch)}
      />
    </div>
  );
}
