import { type LoaderFunctionArgs, useSearchParams } from "react-router";
import { useState } from "react";
import { z } from "zod";
import { graphql } from "../../../core/gql/gql.ts";
import { ProjectDialog } from "../../components/project-dialog.tsx";
import { Button } from "../../components/ui/button.tsx";
import { Select } from "../../components/ui/field.tsx";
import { gqlQueryOptions } from "../../lib/gql-query.ts";
import { projectKeys } from "../../lib/keys.ts";
import { streamAware, useLiveQuery } from "../../lib/live-query.ts";
import { queryClient } from "../../lib/query-client.ts";
import { parseSearch, useSearchState } from "../../lib/search-state.ts";
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

const searchSchema = z.object({ project: z.string().min(1).nullable().catch(null) });

export async function loader({ request }: LoaderFunctionArgs) {
  const { project } = parseSearch(searchSchema, new URL(request.url).searchParams);
  const projects = queryClient.ensureQueryData(projectsOptions());
  // The tiles' data is asked for beside the project list, not after the page has rendered: on a cold
  // load that saves a render and a round trip before the first data shows. The list goes first, as
  // the page waits for it, then the tiles from the top. (A project id that turns out not to exist
  // only wastes its prefetch: the tiles then ask for all projects.)
  const { flows, history, upcoming, inProgress, failures, agents } = tileQueries;
  void queryClient.prefetchQuery(streamAware(flows(project), queryClient));
  void queryClient.prefetchQuery(streamAware(history(project), queryClient));
  void queryClient.prefetchQuery(streamAware(upcoming(project), queryClient));
  void queryClient.prefetchQuery(streamAware(inProgress(project), queryClient));
  void queryClient.prefetchQuery(streamAware(failures(project), queryClient));
  void queryClient.prefetchQuery(streamAware(agents(), queryClient));
  await projects;
  return null;
}

export function Component() {
  const [{ project }, setSearch] = useSearchState(searchSchema);
  const [, setParams] = useSearchParams();
  const [dialogOpen, setDialogOpen] = useState(false);
  const projects = useLiveQuery(projectsOptions());
  const list = projects.data?.project ?? [];
  const projectId = list.some((p) => p.id === project) ? project : null;
  document.title = "Dashboard · Tern";
  return (
    <div className="flex flex-col gap-4">
      <div className="flex flex-wrap items-end gap-3">
        <h1 className="mr-auto text-xl font-semibold">Dashboard</h1>
        <label className="flex items-center gap-2 text-sm">
          Project
          <Select value={projectId ?? ""} onChange={(e) => setSearch({ project: e.target.value || undefined })}>
            <option value="">All projects</option>
            {list.map((p) => (
              <option key={p.id} value={p.id}>
                {p.name}
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
      {/* Each tile has a fixed height (its list scrolls), so data arriving never moves the tiles below it. */}
      <div className="grid gap-4 lg:grid-cols-2 [&>*]:h-80 [&>*]:overflow-y-auto">
        <FlowsTile projectId={projectId} />
        <HistoryTile projectId={projectId} />
        <InProgressTile projectId={projectId} />
        <UpcomingTile projectId={projectId} />
        <FailuresTile projectId={projectId} />
        <AgentsTile />
      </div>
    </div>
  );
}
