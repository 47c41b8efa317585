import { type FormEvent, useState } from "react";
import { useNavigate } from "react-router";
import { graphql } from "../../core/gql/gql.ts";
import type { Create_Flow_Run_Input } from "../../core/gql/graphql.ts";
import { runMutation } from "../lib/gql-query.ts";
import { openNewRunStream } from "./flow-run-queries.ts";
import { defaultParameterValues, missingRequired, parseLabels, parseParametersJson, readParameters } from "../lib/run-form.ts";
import { useSingleSubmit } from "../lib/single-submit.ts";
import { Button } from "./ui/button.tsx";
import { Field, Input, Textarea } from "./ui/field.tsx";

const CreateRun = graphql(`
  mutation RunForm_create($input: create_flow_run_input!) {
    create_flow_run(input: $input) {
      id
    }
  }
`);

/**
 * Creates a flow run; the flow page's Quick Run, its Run form and the run page's Run again all start
 * runs here, and each opens the new run's page next: its live stream opens at once (see
 * openNewRunStream), before the app has moved there.
 */
export async function startFlowRun(input: Create_Flow_Run_Input): Promise<string | undefined> {
  const id = (await runMutation(CreateRun, { input })).create_flow_run?.id ?? undefined;
  if (id) openNewRunStream(id);
  return id;
}

/**
 * The full run form: parameters (JSON), run name and labels, starting one run of `flowId` and opening
 * its page. A double click or double Enter makes one run. `values` prefills the parameters (Run again
 * starts from the earlier run's values); missing ones take the flow's defaults.
 */
export function RunForm({
  flowId,
  parameters,
  labels,
  values = {},
  onStarted,
  onCancel,
}: {
  flowId: string;
  parameters: unknown;
  labels: string[];
  values?: Record<string, unknown>;
  /** Called with the new run's id before its page opens (a dialog on a run page closes itself). */
  onStarted?: (id: string) => void;
  /** In a dialog: a Close button beside Start run. */
  onCancel?: () => void;
}) {
  const navigate = useNavigate();
  const params = readParameters(parameters);
  const [json, setJson] = useState(() => JSON.stringify({ ...defaultParameterValues(params), ...values }, null, 2));
  const [name, setName] = useState("");
  const [labelText, setLabelText] = useState(labels.join(", "));
  const [submitted, setSubmitted] = useState(false);
  const parsed = parseParametersJson(json);
  const missing = parsed.ok ? missingRequired(params, parsed.value) : [];
  const paramError = !parsed.ok ? parsed.error : submitted && missing.length ? `Required: ${missing.join(", ")}` : null;
  const create = useSingleSubmit({
    mutationFn: (chosen: Record<string, unknown>) => startFlowRun({ flow_id: flowId, parameters: chosen, flow_run_name: name.trim() || null, labels: parseLabels(labelText) }),
    onSuccess: (id) => {
      if (!id) return;
      onStarted?.(id);
      navigate(`/flow-run/${id}`);
    },
  });
  const submit = (e: FormEvent) => {
    e.preventDefault();
    setSubmitted(true);
    // After success the page is on its way to the new run; a late Enter must not start another.
    if (!parsed.ok || missing.length || create.isSuccess) return;
    create.submit(parsed.value);
  };
  return (
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
      <div className="flex gap-2">
        <Button type="submit" variant="primary" disabled={create.isPending || create.isSuccess}>
          Start run
        </Button>
        {onCancel ? <Button onClick={onCancel}>Close</Button> : null}
      </div>
    </form>
  );
}
