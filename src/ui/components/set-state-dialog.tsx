import { useMutation } from "@tanstack/react-query";
import { useState } from "react";
import { isStateName, type StateName, statesToSetByHand } from "../../core/states.ts";
import { errorCode } from "../lib/gql-query.ts";
import { StateBadge } from "./state-badge.tsx";
import { setFlowRunStates, setTaskRunStates } from "./state-writes.ts";
import { Button } from "./ui/button.tsx";
import { Dialog } from "./ui/dialog.tsx";
import { Field, Input, Select } from "./ui/field.tsx";

/** What the dialog sets: a flow run (from its page) or one task run (from the task run's page). */
export interface SetStateTarget {
  kind: "flow_run" | "task_run";
  id: string;
  state: string | null | undefined;
  version: number;
}

function setState(target: SetStateTarget, type: StateName, message: string): Promise<void> {
  const state = { type, message };
  return target.kind === "flow_run" ? setFlowRunStates([{ flow_run_id: target.id, version: target.version, state }]) : setTaskRunStates([{ task_run_id: target.id, version: target.version, state }]);
}

/**
 * "Mark as": a person sets a run's state by hand, any state from any state (the server allows it
 * for people, not for the engine), with an optional reason kept in the run's history. The run's
 * version goes along, so a run that changed since the page showed it is not overwritten blindly.
 */
export function SetStateDialog({ open, onClose, target }: { open: boolean; onClose: () => void; target: SetStateTarget }) {
  const current = isStateName(target.state) ? target.state : null;
  const choices = statesToSetByHand(current);
  const [picked, setPicked] = useState<StateName | null>(null);
  const chosen = picked && choices.includes(picked) ? picked : choices[0];
  const [message, setMessage] = useState("");
  const close = () => {
    setPicked(null);
    setMessage("");
    set.reset();
    onClose();
  };
  const set = useMutation({
    mutationFn: () => setState(target, chosen, message.trim() || `Marked as ${chosen} by hand.`),
    onSuccess: close,
  });
  const failure = set.error ? (errorCode(set.error) === "VERSION_LOCKING_ERROR" ? "The run changed meanwhile; close this and try again." : set.error.message) : null;
  return (
    <Dialog open={open} onClose={close} title={target.kind === "flow_run" ? "Set the run's state" : "Set the task run's state"}>
      <form
        className="flex flex-col gap-3"
        onSubmit={(e) => {
          e.preventDefault();
          set.mutate();
        }}
      >
        <Field label="New state">
          {(p) => (
            <Select {...p} value={chosen} onChange={(e) => setPicked(e.target.value as StateName)}>
              {choices.map((s) => (
                <option key={s}>{s}</option>
              ))}
            </Select>
          )}
        </Field>
        <Field label="Message (optional)" hint="Why you are changing it; shown in the run's history." error={failure}>
          {(p) => <Input {...p} value={message} onChange={(e) => setMessage(e.target.value)} />}
        </Field>
        <p className="flex flex-wrap items-center gap-2 text-sm">
          <StateBadge state={current} /> → <StateBadge state={chosen} />
        </p>
        <div className="flex justify-end gap-2">
          <Button onClick={close}>Close</Button>
          <Button type="submit" variant="primary" disabled={set.isPending}>
            Confirm
          </Button>
        </div>
      </form>
    </Dialog>
  );
}
