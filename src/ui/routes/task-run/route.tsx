import { type LoaderFunctionArgs, useParams } from "react-router";
import { graphql } from "../../../core/gql/gql.ts";
import { ErrorState } from "../../components/error-state.tsx";
import { StaleNotice } from "../../components/stale-notice.tsx";
import { StateBadge } from "../../components/state-badge.tsx";
import { ClockTime, Duration, Time } from "../../components/time.tsx";
import { SkeletonRows, Tile } from "../../components/ui/card.tsx";
import { cn } from "../../lib/cn.ts";
import { gqlQueryOptions } from "../../lib/gql-query.ts";
import { taskRunKeys } from "../../lib/keys.ts";
import { useLiveQuery } from "../../lib/live-query.ts";
import { isUuid } from "../../lib/ids.ts";
import { logLevelClass } from "../../lib/log-level.ts";
import { isMappedParent } from "../../lib/mapped.ts";
import { queryClient } from "../../lib/query-client.ts";
import { TaskRunActions } from "./actions.tsx";
import { Breadcrumb } from "./breadcrumb.tsx";
import { MappedChildren } from "./children.tsx";

const Detail = graphql(`
  query TaskRun_detail($id: uuid!) {
    task_run_by_pk(id: $id) {
      id
      name
      state
      state_message
      start_time
      end_time
      map_index
      version
      flow_run_id
      task_id
      task {
        id
        name
        slug
        max_retries
        trigger
        mapped
      }
      flow_run {
        id
        name
        state
        flow {
          name
          flow_group_id
          project {
            id
            name
          }
        }
      }
      states(order_by: { timestamp: asc }) {
        id
        state
        message
        timestamp
      }
      logs(order_by: [{ timestamp: asc }, { seq: asc }], limit: 500) {
        id
        level
        message
        timestamp
      }
    }
  }
`);

const detailOptions = (id: string) => gqlQueryOptions(taskRunKeys.detail(id), Detail, { id });

export async function loader({ params }: LoaderFunctionArgs) {
  if (!isUuid(params.id)) throw new Response("Not found", { status: 404 });
  const data = await queryClient.ensureQueryData(detailOptions(params.id));
  if (!data.task_run_by_pk) throw new Response("Not found", { status: 404 });
  return null;
}

export function Component() {
  const id = useParams().id as string;
  const q = useLiveQuery(detailOptions(id));
  if (q.isPending) return <SkeletonRows rows={5} />;
  if (q.data === undefined) return <ErrorState error={q.error} onRetry={() => q.refetch()} />;
  const t = q.data.task_run_by_pk;
  if (!t) return <ErrorState error={new Error("This task run does not exist.")} />;
  document.title = `${t.state ?? ""} · ${t.task?.name ?? "Task run"} · Tern`;
  return (
    <div className="flex flex-col gap-4">
      <StaleNotice query={q} />
      <header className="flex flex-wrap items-start gap-4">
        <div className="flex min-w-0 flex-col gap-1">
          <Breadcrumb taskRun={t} />
          <h1 className="flex items-center gap-3 text-xl font-semibold">
            {t.task?.name ?? t.name}
            {t.map_index >= 0 ? `[${t.map_index}]` : ""}
            <span role="status" aria-label="Task run state">
              <StateBadge state={t.state} />
            </span>
          </h1>
          <p className="text-sm text-muted-foreground">
            Duration <Duration start={t.start_time} end={t.end_time} /> · retries allowed {t.task?.max_retries ?? 0}
          </p>
          {t.state_message ? <p className="text-sm">{t.state_message}</p> : null}
        </div>
        <div className="ml-auto">
          <TaskRunActions taskRun={t} />
        </div>
      </header>
      {isMappedParent(t) ? <MappedChildren parentId={t.id} flowRunId={t.flow_run_id} taskId={t.task_id} /> : null}
      <div className="grid gap-4 lg:grid-cols-2">
        <Tile title="State history">
          <ol aria-label="State history" className="flex flex-col gap-1 text-sm">
            {t.states.map((s) => (
              <li key={s.id} className="flex items-center gap-2">
                <StateBadge state={s.state} />
                <Time iso={s.timestamp} />
                <span className="truncate text-muted-foreground">{s.message}</span>
              </li>
            ))}
          </ol>
        </Tile>
        <Tile title="Logs">
          {t.logs.length === 0 ? <p className="font-mono text-xs text-muted-foreground">No logs from this task.</p> : null}
          <div role="list" aria-label="Log lines" className="max-h-96 overflow-auto font-mono text-xs">
            {t.logs.map((l) => (
              <div role="listitem" key={l.id} className={cn("flex gap-2", logLevelClass(l.level))}>
                <ClockTime iso={l.timestamp} className="shrink-0 text-muted-foreground" />
                <span className="w-16 shrink-0">{l.level}</span>
                <span className="whitespace-pre-wrap">{l.message}</span>
              </div>
            ))}
          </div>
        </Tile>
      </div>
    </div>
  );
}
