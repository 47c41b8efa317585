import { type FormEvent, useState } from "react";
import { useNavigate } from "react-router";
import { graphql } from "../../../core/gql/gql.ts";
import { Button } from "../../components/ui/button.tsx";
import { Tile } from "../../components/ui/card.tsx";
import { Field, Input, Textarea } from "../../components/ui/field.tsx";
import { runMutation } from "../../lib/gql-query.ts";
import { useSingleSubmit } from "../../lib/single-submit.ts";
import { defaultParameterValues, missingRequired, parseLabels, parseParametersJson, readParameters } from "../../lib/run-form.ts";

const CreateRun = graphql(`
  mutation FlowRun_create($input: create_flow_run_input!) {
    create_flow_run(input: $input) {
      id
    }
  }
`);

/** One click → a run with the flow's defaults → its page. A double click makes one run. An archived version cannot run. */
export function QuickRun({ flowId, parameters, archived, onNeedsParameters }: { flowId: string; parameters: unknown; archived: boolean; onNeedsParameters: () => void }) {
  const navigate = useNavigate();
  const create = useSingleSubmit({
    mutationFn: () => runMutation(CreateRun, { input: { flow_id: flowId } }),
    onSuccess: (data) => {
      if (data.create_flow_run?.id) navigate(`/flow-run/${data.create_flow_run.id}`);
    },
  });
  return (
    <div className="flex flex-col items-end gap-1">
      <Button
        variant="primary"
        disabled={archived || create.isPending || create.isSuccess}
        aria-describedby={archived ? "archived-version-note" : undefined}
        onClick={() => {
          if (missingRequired(readParameters(parameters)).length) return onNeedsParameters();
          create.submit();
        }}
      >
        Quick Run
      </Button>
      {create.error ? (
        <p role="alert" className="text-xs text-danger">
          {create.error.message}
        </p>
      ) : null}
    </div>
  );
}

/** The full form: parameters (JSON), run name and labels. A double click or double Enter makes one run. */
export function RunForm({ flowId, parameters, labels, bare = false }: { flowId: string; parameters: unknown; labels: string[]; bare?: boolean }) {
  const navigate = useNavigate();
  const params = readParameters(parameters);
  const [json, setJson] = useState(() => JSON.stringify(defaultParameterValues(params), null, 2));
  const [name, setName] = useState("");
  const [labelText, setLabelText] = useState(labels.join(", "));
  const [submitted, setSubmitted] = useState(false);
  const parsed = parseParametersJson(json);
  const missing = parsed.ok ? missingRequired(params, parsed.value) : [];
  const paramError = !parsed.ok ? parsed.error : submitted && missing.length ? `Required: ${missing.join(", ")}` : null;
  const create = useSingleSubmit({
    mutationFn: (values: Record<string, unknown>) => runMutation(CreateRun, { input: { flow_id: flowId, parameters: values, flow_run_name: name.trim() || null, labels: parseLabels(labelText) } }),
    onSuccess: (data) => {
      if (data.create_flow_run?.id) navigate(`/flow-run/${data.create_flow_run.id}`);
    },
  });
  const submit = (e: FormEvent) => {
    e.preventDefault();
    setSubmitted(true);
    // After success the page is on its way to the new run; a late Enter must not start another.
    if (!parsed.ok || missing.length || create.isSuccess) return;
    create.submit(parsed.value);
  };
  const form = (
      <form onSubmit={submit} className="flex max-w-xl flex-col gap-3" noValidate>
        <Field label="Parameters (JSON)" error={paramError} hint={params.length ? `This flow takes: ${params.map((p) => `${p.name}${p.required ? " (required)" : ""}`).join(", ")}` : "This flow takes no parameters."}>
          {(p) => <Textarea {...p} rows={6} className="font-mono" value={json} onChange={(e) => setJson(e.target.value)} />}
        </Field>
        <Field label="Run name" hint="Leave empty for a generated name.">
          {(p) => <Input {...p} value={name} onChange={(e) => setName(e.target.value)} />}
        </Field>
        <Field label="Labels" hint="Comma-separated; an agent needs all of them to take the run.">
          {(p) => <Input {...p} value={labelText} onChange={(e) => setLabelText(e.target.value)} />}
        </Field>
        {create.error ? (
          <p role="alert" className="text-sm text-danger">
            {create.error.message}
          </p>
        ) : null}
        <div>
          <Button type="submit" variant="primary" disabled={create.isPending || create.isSuccess}>
            Start run
          </Button>
        </div>
      </form>
  );
  return bare ? form : <Tile title="Start a run">{form}</Tile>;
}
