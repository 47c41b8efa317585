import { useState } from "react";
import type { RunHeader_FlowRunFragment } from "../../../core/gql/graphql.ts";
import { RunForm } from "../../components/run-form.tsx";
import { Button } from "../../components/ui/button.tsx";
import { Dialog } from "../../components/ui/dialog.tsx";
import { runLabels } from "./header.tsx";

/**
 * Run again: a new run of the same flow version, from a form prefilled with this run's parameters and
 * labels, then its page. An archived version cannot run, as on the flow page.
 */
export function RunAgain({ run }: { run: RunHeader_FlowRunFragment }) {
  const [open, setOpen] = useState(false);
  const archived = run.flow?.archived ?? true;
  const values = run.parameters && typeof run.parameters === "object" && !Array.isArray(run.parameters) ? (run.parameters as Record<string, unknown>) : {};
  return (
    <div className="flex flex-col items-end gap-1">
      <Button disabled={archived} aria-describedby={archived ? "run-again-archived" : undefined} onClick={() => setOpen(true)}>
        Run again
      </Button>
      {archived ? (
        <p id="run-again-archived" className="max-w-48 text-right text-xs text-muted-foreground">
          This flow version is archived: it cannot run again.
        </p>
      ) : null}
      <Dialog open={open} onClose={() => setOpen(false)} title="Run again">
        <RunForm flowId={run.flow_id} parameters={run.flow?.parameters} labels={runLabels(run.labels)} values={values} onStarted={() => setOpen(false)} onCancel={() => setOpen(false)} />
      </Dialog>
    </div>
  );
}
