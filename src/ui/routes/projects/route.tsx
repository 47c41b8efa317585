import { useMutation, useQueryClient } from "@tanstack/react-query";
import { type FormEvent, useState } from "react";
import { graphql } from "../../../core/gql/gql.ts";
import type { Projects_ListQuery } from "../../../core/gql/graphql.ts";
import { type Column, DataTable } from "../../components/data-table.tsx";
import { ErrorState } from "../../components/error-state.tsx";
import { StaleNotice } from "../../components/stale-notice.tsx";
import { ProjectDialog } from "../../components/project-dialog.tsx";
import { Time } from "../../components/time.tsx";
import { Button } from "../../components/ui/button.tsx";
import { Empty, SkeletonRows } from "../../components/ui/card.tsx";
import { Dialog } from "../../components/ui/dialog.tsx";
import { Field, Input, Select, Textarea } from "../../components/ui/field.tsx";
import { errorCode, gqlQueryOptions, runMutation } from "../../lib/gql-query.ts";
import { flowKeys, projectKeys } from "../../lib/keys.ts";
import { useLiveQuery } from "../../lib/live-query.ts";
import { projectErrorMessage, validateProjectName } from "../../lib/project-form.ts";
import { queryClient } from "../../lib/query-client.ts";
import { NotificationsSection, rulesOptions } from "./notifications.tsx";

const Projects = graphql(`
  query Projects_list {
    project(order_by: { name: asc }) {
      id
      name
      description
      created
      active_flow_count: flows_aggregate(where: { archived: { _eq: false } }) {
        aggregate {
          count
        }
      }
    }
  }
`);

const Rename = graphql(`
  mutation Projects_rename($input: set_project_name_input!) {
    set_project_name(input: $input) {
      id
    }
  }
`);

const Describe = graphql(`
  mutation Projects_describe($input: set_project_description_input!) {
    set_project_description(input: $input) {
      id
    }
  }
`);

const Delete = graphql(`
  mutation Projects_delete($input: delete_project_input!) {
    delete_project(input: $input) {
      success
    }
  }
`);

const listOptions = () => gqlQueryOptions(projectKeys.settings(), Projects, {});

export async function loader() {
  void queryClient.prefetchQuery(rulesOptions());
  await queryClient.ensureQueryData(listOptions());
  return null;
}

type Project = { id: string; name: string; description?: string | null; active_flow_count: { aggregate?: { count: number } | null } };

function projectColumns(actions: { onEdit: (p: Project) => void; onDelete: (p: Project) => void }): Column<Projects_ListQuery["project"][number]>[] {
  return [
    { header: "Name", cell: (p) => p.name, className: "font-medium" },
    { header: "Description", cell: (p) => p.description, className: "text-muted-foreground" },
    { header: "Flows", cell: (p) => p.active_flow_count.aggregate?.count ?? 0 },
    { header: "Created", cell: (p) => <Time iso={p.created} /> },
    {
      header: "Actions",
      hideHeader: true,
      className: "flex justify-end gap-2",
      cell: (p) => (
        <>
          <Button size="sm" aria-label={`Edit ${p.name}`} onClick={() => actions.onEdit(p)}>
            Edit
          </Button>
          <Button size="sm" aria-label={`Delete ${p.name}`} onClick={() => actions.onDelete(p)}>
            Delete
          </Button>
        </>
      ),
    },
  ];
}

export function Component() {
  const q = useLiveQuery(listOptions());
  const [creating, setCreating] = useState(false);
  const [editing, setEditing] = useState<Project | null>(null);
  const [deleting, setDeleting] = useState<Project | null>(null);
  document.title = "Projects · Tern";
  if (q.isPending) return <SkeletonRows rows={5} />;
  if (q.data === undefined) return <ErrorState error={q.error} onRetry={() => q.refetch()} />;
  const projects = q.data.project;
  const names = projects.map((p) => p.name);
  return (
    <div className="flex flex-col gap-4">
      <StaleNotice query={q} />
      <div className="flex items-center">
        <h1 className="mr-auto text-xl font-semibold">Projects</h1>
        <Button variant="primary" onClick={() => setCreating(true)}>
          New project
        </Button>
      </div>
      {projects.length === 0 ? (
        <Empty>No projects yet. Create one here, or from the shell: <code>npx tern create project tutorial</code></Empty>
      ) : (
        <DataTable columns={projectColumns({ onEdit: setEditing, onDelete: setDeleting })} rows={projects} rowKey={(p) => p.id} />
      )}
      <ProjectDialog open={creating} onClose={() => setCreating(false)} takenNames={names} />
      {editing ? <EditDialog project={editing} takenNames={names} onClose={() => setEditing(null)} /> : null}
      {deleting ? <DeleteDialog project={deleting} others={projects.filter((p) => p.id !== deleting.id)} onClose={() => setDeleting(null)} /> : null}
      <NotificationsSection projects={projects} />
    </div>
  );
}

function EditDialog({ project, takenNames, onClose }: { project: Project; takenNames: string[]; onClose: () => void }) {
  const client = useQueryClient();
  const [name, setName] = useState(project.name);
  const [description, setDescription] = useState(project.description ?? "");
  const [touched, setTouched] = useState(false);
  const save = useMutation({
    mutationFn: async () => {
      if (name.trim() !== project.name) await runMutation(Rename, { input: { project_id: project.id, name: name.trim() } });
      if (description.trim() !== (project.description ?? "")) await runMutation(Describe, { input: { project_id: project.id, description: description.trim() || null } });
    },
    onSuccess: async () => {
      await client.invalidateQueries({ queryKey: projectKeys.all });
      onClose();
    },
  });
  const localError = touched ? validateProjectName(name, takenNames, project.name) : null;
  const serverError = save.error ? (projectErrorMessage(errorCode(save.error)) ?? save.error.message) : null;
  const submit = (e: FormEvent) => {
    e.preventDefault();
    setTouched(true);
    if (validateProjectName(name, takenNames, project.name)) return;
    save.mutate();
  };
  return (
    <Dialog open onClose={onClose} title={`Edit ${project.name}`}>
      <form onSubmit={submit} noValidate className="flex flex-col gap-3">
        <Field label="Name" error={localError ?? serverError}>
          {(p) => (
            <Input
              {...p}
              value={name}
              onChange={(e) => {
                setName(e.target.value);
                setTouched(true);
                if (save.error) save.reset();
              }}
            />
          )}
        </Field>
        <Field label="Description">{(p) => <Textarea {...p} rows={3} value={description} onChange={(e) => setDescription(e.target.value)} />}</Field>
        <div className="flex justify-end gap-2">
          <Button onClick={onClose}>Cancel</Button>
          <Button type="submit" variant="primary" disabled={save.isPending}>
            Save
          </Button>
        </div>
      </form>
    </Dialog>
  );
}

function DeleteDialog({ project, others, onClose }: { project: Project; others: Project[]; onClose: () => void }) {
  const client = useQueryClient();
  const flows = project.active_flow_count.aggregate?.count ?? 0;
  const [choice, setChoice] = useState<string>(flows ? (others[0]?.id ?? "delete") : "none");
  const remove = useMutation({
    mutationFn: () =>
      runMutation(Delete, {
        input: { project_id: project.id, ...(choice === "delete" ? { delete_flows: true } : choice !== "none" ? { move_flows_to_project_id: choice } : {}) },
      }),
    onSuccess: async () => {
      await Promise.all([client.invalidateQueries({ queryKey: projectKeys.all }), client.invalidateQueries({ queryKey: flowKeys.all })]);
      onClose();
    },
  });
  const error = remove.error ? (errorCode(remove.error) === "PROJECT_NOT_EMPTY" ? "This project still has flows: move them or delete them first." : remove.error.message) : null;
  return (
    <Dialog open onClose={onClose} title={`Delete ${project.name}?`}>
      <form
        className="flex flex-col gap-3"
        onSubmit={(e) => {
          e.preventDefault();
          remove.mutate();
        }}
      >
        {flows ? (
          <Field label={`Its ${flows} flow${flows === 1 ? "" : "s"}`} error={error}>
            {(p) => (
              <Select {...p} value={choice} onChange={(e) => setChoice(e.target.value)}>
                {others.map((o) => (
                  <option key={o.id} value={o.id}>
                    Move to {o.name}
                  </option>
                ))}
                <option value="delete">Delete them with the project</option>
              </Select>
            )}
          </Field>
        ) : (
          <p className="text-sm">The project has no flows.</p>
        )}
        {!flows && error ? (
          <p role="alert" className="text-sm text-danger">
            {error}
          </p>
        ) : null}
        <div className="flex justify-end gap-2">
          <Button onClick={onClose}>Cancel</Button>
          <Button type="submit" variant="danger" disabled={remove.isPending}>
            Delete project
          </Button>
        </div>
      </form>
    </Dialog>
  );
}
