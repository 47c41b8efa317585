import { useEffect } from "react";
import { useNavigate } from "react-router";
import { startFlowRun } from "../../components/run-form.tsx";
import { Button } from "../../components/ui/button.tsx";
import { missingRequired, readParameters } from "../../lib/run-form.ts";
import { useSingleSubmit } from "../../lib/single-submit.ts";
import { preloadViewWhenIdle } from "../../lib/view-preload.ts";

/** One click → a run with the flow's defaults → its page. A double click makes one run. An archived version cannot run. */
export function QuickRun({ flowId, parameters, archived, onNeedsParameters }: { flowId: string; parameters: unknown; archived: boolean; onNeedsParameters: () => void }) {
  const navigate = useNavigate();
  useEffect(() => preloadViewWhenIdle("flow-run"), []);
  const create = useSingleSubmit({
    mutationFn: () => startFlowRun({ flow_id: flowId }),
    onSuccess: (id) => {
      if (id) navigate(`/flow-run/${id}`);
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
