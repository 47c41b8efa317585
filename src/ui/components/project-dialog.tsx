import { useQueryClient } from "@tanstack/react-query";
import { type FormEvent, useState } from "react";
import { graphql } from "../../core/gql/gql.ts";
import { errorCode, runMutation } from "../lib/gql-query.ts";
import { projectKeys } from "../lib/keys.ts";
import { useSingleSubmit } from "../lib/single-submit.ts";
import { projectErrorMessage, validateProjectName } from "../lib/project-form.ts";
import { Button } from "./ui/button.tsx";
import { Dialog } from "./ui/dialog.tsx";
import { Field, Input, Textarea } from "./ui/field.tsx";

const CreateProject = graphql(`
  mutation ProjectDialog_create($input: create_project_input!) {
    create_project(input: $input) {
      id
    }
  }
`);

/** "New project": name + description, inline validation, the server's duplicate error on the field; one project per double click. */
export function ProjectDialog({ open, onClose, onCreated, takenNames = [] }: { open: boolean; onClose: () => void; onCreated?: (id: string) => void; takenNames?: readonly string[] }) {
  const client = useQueryClient();
  const [name, setName] = useState("");
  const [description, setDescription] = useState("");
  const [touched, setTouched] = useState(false);
  const create = useSingleSubmit({
    mutationFn: () => runMutation(CreateProject, { input: { name: name.trim(), description: description.trim() || null } }),
    onSuccess: async (data) => {
      await client.invalidateQueries({ queryKey: projectKeys.all });
      setName("");
      setDescription("");
      setTouched(false);
      create.reset();
      onClose();
      if (data.create_project?.id) onCreated?.(data.create_project.id);
    },
  });
  const localError = touched ? validateProjectName(name, takenNames) : null;
  const serverError = create.error ? (projectErrorMessage(errorCode(create.error)) ?? create.error.message) : null;
  const submit = (e: FormEvent) => {
    e.preventDefault();
    setTouched(true);
    if (validateProjectName(name, takenNames)) return;
    create.submit();
  };
  return (
    <Dialog open={open} onClose={onClose} title="New project">
      <form onSubmit={submit} noValidate className="flex flex-col gap-3">
        <Field label="Name" error={localError ?? serverError}>
          {(p) => (
            <Input
              {...p}
              autoFocus
              value={name}
              onChange={(e) => {
                setName(e.target.value);
                if (create.error) create.reset();
              }}
              onBlur={() => setTouched(true)}
            />
          )}
        </Field>
        <Field label="Description">{(p) => <Textarea {...p} rows={3} value={description} onChange={(e) => setDescription(e.target.value)} />}</Field>
        <div className="flex justify-end gap-2">
          <Button onClick={onClose}>Cancel</Button>
          <Button type="submit" variant="primary" disabled={create.isPending}>
            {create.isPending ? "Creating…" : "Create project"}
          </Button>
        </div>
      </form>
    </Dialog>
  );
}
