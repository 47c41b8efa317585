import { Link } from "react-router";

interface Crumbs {
  task?: { name?: string | null } | null;
  name?: string | null;
  map_index: number;
  flow_run: { id: string; name?: string | null; flow?: { name?: string | null; flow_group_id: string; project?: { id: string; name: string } | null } | null } | null;
}

/** Project › Flow › Run › Task: where this task run sits, each level a link up. */
export function Breadcrumb({ taskRun }: { taskRun: Crumbs }) {
  const run = taskRun.flow_run;
  const flow = run?.flow;
  const crumbs = [
    flow?.project ? { to: `/?project=${flow.project.id}`, label: flow.project.name } : null,
    flow ? { to: `/flow/${flow.flow_group_id}`, label: flow.name ?? "Flow" } : null,
    run ? { to: `/flow-run/${run.id}`, label: run.name ?? run.id } : null,
  ].filter((c) => c !== null);
  const task = `${taskRun.task?.name ?? taskRun.name ?? "Task run"}${taskRun.map_index >= 0 ? `[${taskRun.map_index}]` : ""}`;
  return (
    <nav aria-label="Breadcrumb">
      <ol className="flex flex-wrap items-center gap-1.5 text-sm text-muted-foreground">
        {crumbs.map((c) => (
          <li key={c.to} className="flex items-center gap-1.5">
            <Link className="text-primary hover:underline" to={c.to}>
              {c.label}
            </Link>
            <span aria-hidden>›</span>
          </li>
        ))}
        <li aria-current="page">{task}</li>
      </ol>
    </nav>
  );
}
