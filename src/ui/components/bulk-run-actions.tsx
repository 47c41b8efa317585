import { useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import type { RowSelection } from "./data-table.tsx";
import { graphql } from "../../core/gql/gql.ts";
import type { Flow_Run_Bool_Exp } from "../../core/gql/graphql.ts";
import { type StateName, statesToSetByHand } from "../../core/states.ts";
import {
  type BulkAction,
  alreadyFinished,
  applyToRuns,
  BULK_PAGE,
  confirmQuestion,
  mapLimited,
  pagesOfRuns,
  type RunRef,
  type RunResult,
  runCount,
  summarize,
  type Tally,
} from "../lib/bulk-runs.ts";
import { errorCode, runMutation, runQuery } from "../lib/gql-query.ts";
import { flowRunKeys } from "../lib/keys.ts";
import { Button } from "./ui/button.tsx";
import { Dialog } from "./ui/dialog.tsx";
import { Field, Input, Select } from "./ui/field.tsx";

const Page = graphql(`
  query BulkRunActions_page($where: flow_run_bool_exp!, $limit: Int!) {
    flow_run(where: $where, order_by: { id: asc }, limit: $limit) {
      id
      state
    }
  }
`);

const Cancel = graphql(`
  mutation BulkRunActions_cancel($id: UUID!) {
    cancel_flow_run(input: { flow_run_id: $id }) {
      state
    }
  }
`);

const Delete = graphql(`
  mutation BulkRunActions_delete($id: UUID!) {
    delete_flow_run(input: { flow_run_id: $id }) {
      success
    }
  }
`);

const SetStates = graphql(`
  mutation BulkRunActions_setStates($input: set_flow_run_states_input!) {
    set_flow_run_states(input: $input) {
      states {
        id
      }
    }
  }
`);

/** Requests in flight at once for per-run mutations: quick, without flooding the server. */
const IN_FLIGHT = 4;

/** Which runs are picked: some by id (with the state each showed), or every run the filter matches. */
export type RunSelection = { all: false; runs: ReadonlyMap<string, string | null | undefined> } | { all: true };

export const NO_SELECTION: RunSelection = { all: false, runs: new Map() };

/**
 * A run list's selection, kept for the filter it was made under (a new filter, `filterKey`, starts
 * with none), with the table's checkbox handlers for the rows shown. Picking a row while "all
 * matching" is selected narrows the selection to the rows shown, with that row changed.
 */
export function useRunSelection<Row extends { id: string; state?: string | null }>(filterKey: string, rows: readonly Row[], rowLabel: (row: Row) => string) {
  const [held, setHeld] = useState<{ filter: string; selection: RunSelection }>({ filter: filterKey, selection: NO_SELECTION });
  const selection = held.filter === filterKey ? held.selection : NO_SELECTION;
  const select = (next: RunSelection) => setHeld({ filter: filterKey, selection: next });
  const picked = (id: string) => selection.all || selection.runs.has(id);
  const withRows = (keep: (r: Row) => boolean) => {
    const base = selection.all ? new Map(rows.map((r) => [r.id, r.state])) : new Map(selection.runs);
    for (const r of rows) if (keep(r)) base.set(r.id, r.state);
    else base.delete(r.id);
    return base;
  };
  const table: RowSelection<Row> = {
    isSelected: picked,
    toggle: (id, on) => select({ all: false, runs: withRows((r) => (r.id === id ? on : picked(r.id))) }),
    togglePage: (on) => select({ all: false, runs: withRows(() => on) }),
    rowLabel,
  };
  return { selection, select, wholePage: rows.length > 0 && rows.every((r) => picked(r.id)), table };
}

/** A run that vanished (deleted meanwhile) is reported as gone, not as a failure. */
const gone = (error: unknown): RunResult => (errorCode(error) === "NOT_FOUND" ? "already gone" : "failed");

async function cancelOne(run: RunRef): Promise<RunResult> {
  if (alreadyFinished(run)) return "already finished";
  try {
    const { cancel_flow_run } = await runMutation(Cancel, { id: run.id });
    const state = cancel_flow_run?.state;
    return state === "Cancelled" ? "cancelled" : state === "Cancelling" ? "cancelling" : "already finished";
  } catch (error) {
    return gone(error);
  }
}

async function deleteOne(run: RunRef): Promise<RunResult> {
  try {
    const { delete_flow_run } = await runMutation(Delete, { id: run.id });
    return delete_flow_run?.success ? "deleted" : "already gone";
  } catch (error) {
    return gone(error);
  }
}

/** One request per page; if it fails (one run gone makes the whole write roll back), run by run. */
async function setStates(page: RunRef[], state: StateName, message: string): Promise<RunResult[]> {
  const write = (runs: RunRef[]) => runMutation(SetStates, { input: { states: runs.map((r) => ({ flow_run_id: r.id, state: { type: state, message } })) } });
  try {
    await write(page);
    return page.map(() => "set");
  } catch {
    return mapLimited(page, IN_FLIGHT, async (run) => {
      try {
        await write([run]);
        return "set";
      } catch (error) {
        return gone(error);
      }
    });
  }
}

function actOn(action: BulkAction): (page: RunRef[]) => Promise<RunResult[]> {
  switch (action.kind) {
    case "cancel":
      return (page) => mapLimited(page, IN_FLIGHT, cancelOne);
    case "delete":
      return (page) => mapLimited(page, IN_FLIGHT, deleteOne);
    case "set-state":
      return (page) => setStates(page, action.state, action.message || `Marked as ${action.state} by hand.`);
  }
}

/** The picked runs a page at a time: the ids held, or every run matching `where`, read page by page. */
function selectedPages(selection: RunSelection, where: Flow_Run_Bool_Exp): AsyncIterable<RunRef[]> {
  if (selection.all) {
    return pagesOfRuns(async (after, limit) => {
      const pageWhere = after ? { _and: [where, { id: { _gt: after } }] } : where;
      return (await runQuery(Page, { where: pageWhere, limit })).flow_run;
    });
  }
  const runs = [...selection.runs].map(([id, state]) => ({ id, state }));
  return (async function* () {
    for (let i = 0; i < runs.length; i += BULK_PAGE) yield runs.slice(i, i + BULK_PAGE);
  })();
}

const TITLES: Record<BulkAction["kind"], string> = { cancel: "Cancel runs", delete: "Delete runs", "set-state": "Set the runs' state" };

/**
 * The toolbar over a run list with selected rows: how many are picked, "select all N matching",
 * and Cancel / Set state / Delete, each confirmed in a dialog that says how many runs, then reporting
 * what became of them ("12 cancelled, 1 already finished").
 */
export function BulkRunActions({
  selection,
  onSelectionChange,
  wholePage,
  total,
  where,
}: {
  selection: RunSelection;
  onSelectionChange: (selection: RunSelection) => void;
  /** Every row of the page shown is selected (then "select all matching" is offered). */
  wholePage: boolean;
  /** Runs matching the filter. */
  total: number;
  where: Flow_Run_Bool_Exp;
}) {
  const [dialog, setDialog] = useState<BulkAction["kind"] | null>(null);
  const [report, setReport] = useState<string | null>(null);
  const picked = selection.all ? total : selection.runs.size;
  return (
    <div className="flex flex-col gap-2">
      <div role="toolbar" aria-label="Bulk actions" className="flex min-h-9 flex-wrap items-center gap-2 text-sm">
        <span aria-live="polite" className="mr-1 text-muted-foreground">
          {picked === 0 ? "Select runs to act on them." : `${runCount(picked)} selected`}
        </span>
        <Button size="sm" disabled={picked === 0} onClick={() => setDialog("cancel")}>
          Cancel runs
        </Button>
        <Button size="sm" disabled={picked === 0} onClick={() => setDialog("set-state")}>
          Set state
        </Button>
        <Button size="sm" variant="danger" disabled={picked === 0} onClick={() => setDialog("delete")}>
          Delete
        </Button>
        {picked > 0 ? (
          <Button size="sm" variant="ghost" onClick={() => onSelectionChange(NO_SELECTION)}>
            Clear selection
          </Button>
        ) : null}
      </div>
      {!selection.all && wholePage && total > selection.runs.size ? (
        <p className="text-sm">
          {runCount(selection.runs.size)} selected, all on this page.{" "}
          <Button size="sm" variant="ghost" className="text-primary" onClick={() => onSelectionChange({ all: true })}>
            Select all {runCount(total)} matching the filter
          </Button>
        </p>
      ) : selection.all ? (
        <p className="text-sm">All {runCount(total)} matching the filter are selected.</p>
      ) : null}
      {report ? (
        <p role="status" aria-label="Bulk action result" className="text-sm">
          {report}
        </p>
      ) : null}
      {dialog ? (
        <ConfirmDialog
          kind={dialog}
          count={picked}
          pages={() => selectedPages(selection, where)}
          onClose={() => setDialog(null)}
          onDone={(text) => {
            setReport(text);
            onSelectionChange(NO_SELECTION);
          }}
        />
      ) : null}
    </div>
  );
}

function ConfirmDialog({ kind, count, pages, onClose, onDone }: { kind: BulkAction["kind"]; count: number; pages: () => AsyncIterable<RunRef[]>; onClose: () => void; onDone: (report: string) => void }) {
  const client = useQueryClient();
  const choices = statesToSetByHand(null);
  const [state, setState] = useState<StateName>(choices.includes("Failed") ? "Failed" : choices[0]);
  const [message, setMessage] = useState("");
  const [progress, setProgress] = useState<Tally | null>(null);
  const [result, setResult] = useState<string | null>(null);
  const action: BulkAction = kind === "set-state" ? { kind, state, message: message.trim() } : { kind };
  const working = progress !== null && result === null;
  const start = async () => {
    setProgress({});
    let text: string;
    try {
      text = summarize(await applyToRuns(pages(), actOn(action), setProgress));
    } catch (error) {
      text = `Stopped: ${error instanceof Error ? error.message : String(error)}`;
    }
    setResult(text);
    onDone(text);
    void client.invalidateQueries({ queryKey: flowRunKeys.all });
  };
  const done = progress ? Object.values(progress).reduce((a, b) => a + (b ?? 0), 0) : 0;
  return (
    <Dialog open onClose={working ? () => {} : onClose} title={TITLES[kind]}>
      <form
        className="flex flex-col gap-3"
        onSubmit={(e) => {
          e.preventDefault();
          void start();
        }}
      >
        <p className="text-sm font-medium">{confirmQuestion(action, count)}</p>
        {kind === "delete" ? <p className="text-sm text-muted-foreground">Their task runs, state history and logs are deleted with them. This cannot be undone.</p> : null}
        {kind === "cancel" ? <p className="text-sm text-muted-foreground">Running runs move to Cancelling and stop; waiting ones are cancelled; finished ones stay as they are.</p> : null}
        {kind === "set-state" ? (
          <>
            <Field label="New state">
              {(p) => (
                <Select {...p} value={state} disabled={progress !== null} onChange={(e) => setState(e.target.value as StateName)}>
                  {choices.map((s) => (
                    <option key={s}>{s}</option>
                  ))}
                </Select>
              )}
            </Field>
            <Field label="Message (optional)" hint="Why you are changing them; shown in each run's history.">
              {(p) => <Input {...p} value={message} disabled={progress !== null} onChange={(e) => setMessage(e.target.value)} />}
            </Field>
          </>
        ) : null}
        {progress !== null ? (
          <p role="status" className="text-sm">
            {result ?? `Working… ${done} of ${count}`}
          </p>
        ) : null}
        <div className="flex justify-end gap-2">
          <Button onClick={onClose} disabled={working}>
            Close
          </Button>
          {result === null ? (
            <Button type="submit" variant={kind === "delete" ? "danger" : "primary"} disabled={working}>
              {kind === "cancel" ? `Cancel ${runCount(count)}` : kind === "delete" ? `Delete ${runCount(count)}` : `Set ${runCount(count)}`}
            </Button>
          ) : null}
        </div>
      </form>
    </Dialog>
  );
}
