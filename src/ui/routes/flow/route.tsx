import { type LoaderFunctionArgs, Link, redirect, useParams } from "react-router";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import type { ResultOf } from "@graphql-typed-document-node/core";
import { Dialog } from "../../components/ui/dialog.tsx";
import { graphql } from "../../../core/gql/gql.ts";
import { ErrorState } from "../../components/error-state.tsx";
import { StaleNotice } from "../../components/stale-notice.tsx";
import { Button } from "../../components/ui/button.tsx";
import { RunForm } from "../../components/run-form.tsx";
import { SkeletonRows, Tile } from "../../components/ui/card.tsx";
import { Tabs } from "../../components/ui/tabs.tsx";
import { gqlQueryOptions, runMutation } from "../../lib/gql-query.ts";
import { isUuid } from "../../lib/ids.ts";
import { flowKeys } from "../../lib/keys.ts";
import { useLiveQuery } from "../../lib/live-query.ts";
import { queryClient } from "../../lib/query-client.ts";
import { useSearchState } from "../../lib/search-state.ts";
import { FlowOverview } from "./overview.tsx";
import { QuickRun } from "./run.tsx";
import { FlowSchedule } from "./schedule.tsx";
import { flowSearch } from "./search.ts";
import { FlowRunsTab, FlowSchematicTab, TasksTab, VersionsTab } from "./tabs.tsx";

const Group = graphql(`
  query Flow_group($id: uuid!) {
    flow_group_by_pk(id: $id) {
      id
      labels
      flows(order_by: { version: desc }) {
        id
        name
        version
        archived
        created
        description
        is_schedule_active
        schedule
        parameters
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

const ScheduleOn = graphql(`
  mutation Flow_scheduleOn($input: set_schedule_active_input!) {
    set_schedule_active(input: $input) {
      success
    }
  }
`);

const ScheduleOff = graphql(`
  mutation Flow_scheduleOff($input: set_schedule_inactive_input!) {
    set_schedule_inactive(input: $input) {
      success
    }
  }
`);

const Version = graphql(`
  query Flow_version($id: uuid!) {
    flow_by_pk(id: $id) {
      id
      flow_group_id
      version
    }
  }
`);

const groupOptions = (id: string) => gqlQueryOptions(flowKeys.group(id), Group, { id });

/**
 * `tern register` prints the group's URL and the version's id; both open this page. A version's id
 * redirects to its group with that version picked.
 */
export async function loader({ params }: LoaderFunctionArgs) {
  const id = params.flowGroupId;
  if (!isUuid(id)) throw new Response("Not found", { status: 404 });
  const data = await queryClient.ensureQueryData(groupOptions(id));
  if (data.flow_group_by_pk) return null;
  const version = (await queryClient.fetchQuery(gqlQueryOptions(flowKeys.version(id), Version, { id }))).flow_by_pk;
  if (!version) throw new Response("Not found", { status: 404 });
  const prefix = params.tenant ? `/${params.tenant}` : "";
  return redirect(`${prefix}/flow/${version.flow_group_id}?version=${version.version}`);
}

const TABS = [
  { id: "overview", label: "Overview" },
  { id: "tasks", label: "Tasks" },
  { id: "runs", label: "Runs" },
  { id: "versions", label: "Versions" },
  { id: "schematic", label: "Schematic" },
  { id: "run", label: "Run" },
] as const;

function storageText(storage: unknown): string {
  if (!storage || typeof storage !== "object") return "—";
  const s = storage as Record<string, unknown>;
  return [s.type, s.path ?? s.repo ?? s.url].filter(Boolean).join(": ") || "—";
}

type GroupData = ResultOf<typeof Group>;

/** The group's data with one version's schedule switched on or off. */
function withScheduleActive(data: GroupData, flowId: string, on: boolean): GroupData {
  const group = data.flow_group_by_pk;
  if (!group) return data;
  return { ...data, flow_group_by_pk: { ...group, flows: group.flows.map((f) => (f.id === flowId ? { ...f, is_schedule_active: on } : f)) } };
}

export function Component() {
  const groupId = useParams().flowGroupId as string;
  const [search, setSearch] = useSearchState(flowSearch);
  const q = useLiveQuery(groupOptions(groupId));
  const client = useQueryClient();
  const [paramsOpen, setParamsOpen] = useState(false);
  const flows = q.data?.flow_group_by_pk?.flows ?? [];
  const flow = flows.find((f) => f.version === search.version) ?? flows.find((f) => !f.archived) ?? flows[0];
  // What the person just switched to, shown from the click on: the cache's optimistic update below
  // lands a tick later (after the in-flight refetch is cancelled), and a controlled checkbox would
  // flip back in between.
  const [switchedTo, setSwitchedTo] = useState<boolean | null>(null);
  const toggle = useMutation({
    mutationFn: async (on: boolean) => {
      if (on) await runMutation(ScheduleOn, { input: { flow_id: flow!.id } });
      else await runMutation(ScheduleOff, { input: { flow_id: flow!.id } });
    },
    // The switch moves at once and stays: the cached flow holds the wanted state until the server's
    // own data (a live push, or the refetch below) replaces it; a refused change puts it back.
    onMutate: async (on: boolean) => {
      const { queryKey } = groupOptions(groupId);
      await client.cancelQueries({ queryKey });
      const before = client.getQueryData(queryKey);
      client.setQueryData(queryKey, (data) => data && withScheduleActive(data, flow!.id, on));
      return { before };
    },
    onError: (_error, _on, saved) => client.setQueryData(groupOptions(groupId).queryKey, saved?.before),
    onSettled: () => client.invalidateQueries({ queryKey: flowKeys.group(groupId) }),
  });
  if (q.isPending) return <SkeletonRows rows={6} />;
  if (q.data === undefined) return <ErrorState error={q.error} onRetry={() => q.refetch()} />;
  if (!flow) return <ErrorState error={new Error("This flow has no versions.")} />;
  document.title = `${flow.name} · Tern`;
  const labels = Array.isArray(flow.run_config?.labels) ? (flow.run_config.labels as string[]) : [];
  return (
    <div className="flex flex-col gap-4">
      <StaleNotice query={q} />
      <header className="flex flex-wrap items-start gap-4">
        <div className="flex min-w-0 flex-col gap-1">
          <p className="text-sm text-muted-foreground">
            {flow.project ? (
              <Link className="hover:underline" to={`/?project=${flow.project.id}`}>
                {flow.project.name}
              </Link>
            ) : null}
          </p>
          <h1 className="text-xl font-semibold">{flow.name}</h1>
          <dl className="flex flex-wrap gap-x-5 gap-y-1 text-sm text-muted-foreground">
            <div>
              <dt className="inline">Version </dt>
              <dd className="inline text-foreground">
                {flow.version}
                {flow.archived ? " (archived)" : ""}
              </dd>
            </div>
            <div>
              <dt className="inline">Labels </dt>
              <dd className="inline">{labels.length ? labels.join(", ") : "none"}</dd>
            </div>
            <div>
              <dt className="inline">Storage </dt>
              <dd className="inline">{storageText(flow.storage)}</dd>
            </div>
          </dl>
        </div>
        <div className="ml-auto flex items-center gap-3">
          <label className="flex items-center gap-2 text-sm">
            <input
              type="checkbox"
              disabled={!flow.schedule || toggle.isPending}
              checked={switchedTo ?? flow.is_schedule_active}
              onChange={(e) => {
                const on = e.target.checked;
                setSwitchedTo(on);
                toggle.mutate(on, { onSettled: () => setSwitchedTo(null) });
              }}
            />
            Schedule {flow.schedule ? "" : "(none)"}
          </label>
          <QuickRun flowId={flow.id} parameters={flow.parameters} archived={flow.archived} onNeedsParameters={() => setParamsOpen(true)} />
        </div>
      </header>
      {flow.schedule ? <FlowSchedule flowId={flow.id} schedule={flow.schedule} active={flow.is_schedule_active} /> : null}
      <Dialog open={paramsOpen} onClose={() => setParamsOpen(false)} title="Parameters needed">
        <RunForm flowId={flow.id} parameters={flow.parameters} labels={labels} />
      </Dialog>
      <Tabs label="Flow views" tabs={TABS} value={search.tab} onChange={(tab) => setSearch({ tab, page: undefined })}>
        {search.tab === "overview" ? (
          <FlowOverview groupId={groupId} />
        ) : search.tab === "tasks" ? (
          <TasksTab flowId={flow.id} />
        ) : search.tab === "runs" ? (
          <FlowRunsTab groupId={groupId} />
        ) : search.tab === "versions" ? (
          <VersionsTab flows={flows} current={flow.version ?? 0} onPick={(version) => setSearch({ version, tab: "overview" })} />
        ) : search.tab === "schematic" ? (
          <FlowSchematicTab flowId={flow.id} />
        ) : (
          <Tile title="Start a run">
            <RunForm flowId={flow.id} parameters={flow.parameters} labels={labels} />
          </Tile>
        )}
      </Tabs>
      {!flow.archived ? null : (
        <p id="archived-version-note" className="text-sm text-warning">
          This version is archived: it cannot run. <Button size="sm" onClick={() => setSearch({ version: undefined })}>Show the newest</Button>
        </p>
      )}
    </div>
  );
}
