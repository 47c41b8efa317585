import { useQueryClient } from "@tanstack/react-query";
import { type ReactNode, useEffect, useId, useRef } from "react";
import { Link } from "react-router";
import { Card } from "../../components/ui/card.tsx";
import { agentHealth } from "../../lib/agents.ts";
import { useLiveQuery } from "../../lib/live-query.ts";
import { failureRate, formatRate, OUTCOME_COLOR_STATE, OUTCOME_STATES, type RunWindow, windowLabel } from "../../lib/run-window.ts";
import { stateColor } from "../../lib/states.ts";
import { countOptions, isOutcomeCountKey, runsWhere } from "./counts.ts";

/** States of runs an agent holds right now (the In progress tile's). */
const ACTIVE_STATES = ["Submitted", "Running", "Cancelling"];

/** How often at most the charts' bucket counts are re-read while runs keep changing. */
const REFRESH_MS = 1000;

interface Props {
  projectId: string | null;
  window: RunWindow;
  range: { since: string; until: string };
  agents: { agents: readonly { last_queried?: string | null }[] | undefined; scoped: boolean };
  now: number;
}

function useCount(where: ReturnType<typeof runsWhere>): number | undefined {
  return useLiveQuery(countOptions(where)).data?.flow_run_aggregate.aggregate?.count;
}

/**
 * The strip over the dashboard: runs in the window by outcome, failure rate, runs in progress, agent
 * health. Every number is a live count (an aggregate), never a fetched list of runs. Each card has a
 * fixed height, so numbers arriving move nothing.
 */
export function SummaryStrip({ projectId, window, range, agents, now }: Props) {
  const inWindow = runsWhere(projectId, range);
  const total = useCount(inWindow);
  const succeeded = useCount({ ...inWindow, state: { _in: OUTCOME_STATES.Succeeded } });
  const failed = useCount({ ...inWindow, state: { _in: OUTCOME_STATES.Failed } });
  const cancelled = useCount({ ...inWindow, state: { _in: OUTCOME_STATES.Cancelled } });
  const running = useCount({ ...runsWhere(projectId), state: { _in: ACTIVE_STATES } });
  useRefreshCharts([total, succeeded, failed, cancelled, running].join());
  const known = (n: number | undefined) => (n === undefined ? "—" : String(n));
  const other = total === undefined || succeeded === undefined || failed === undefined || cancelled === undefined ? undefined : total - succeeded - failed - cancelled;
  const rate = succeeded === undefined || failed === undefined ? undefined : failureRate(succeeded, failed);
  const healthy = agents.agents?.filter((a) => agentHealth(a.last_queried, now) === "healthy").length;
  return (
    <div className="grid grid-cols-2 gap-4 lg:grid-cols-4 [&>*]:h-28">
      <Stat title={`Runs in the ${windowLabel(window)}`} value={known(total)}>
        <span className="flex flex-wrap gap-x-2">
          <Part state={OUTCOME_COLOR_STATE.Succeeded} n={succeeded} label="succeeded" />
          <Part state={OUTCOME_COLOR_STATE.Failed} n={failed} label="failed" />
          <Part state={OUTCOME_COLOR_STATE.Cancelled} n={cancelled} label="cancelled" />
          <Part state={OUTCOME_COLOR_STATE.Other} n={other} label="other" />
        </span>
      </Stat>
      <Stat title="Failure rate" value={rate === undefined ? "—" : formatRate(rate)}>
        {rate === undefined ? null : rate === null ? "No run finished yet" : `${failed} of ${(succeeded ?? 0) + (failed ?? 0)} finished runs failed`}
      </Stat>
      <Stat title="Running now" value={known(running)}>
        Submitted, running or cancelling
      </Stat>
      <Stat title="Agent health" value={healthy === undefined ? "—" : `${healthy} of ${agents.agents?.length ?? 0}`}>
        <span>
          healthy{agents.scoped ? " of those that can run this project" : ""} ·{" "}
          <Link to="/agents" className="text-primary underline">
            Agents
          </Link>
        </span>
      </Stat>
    </div>
  );
}

function Stat({ title, value, children }: { title: string; value: string; children: ReactNode }) {
  const id = useId();
  return (
    <Card aria-labelledby={id} className="flex flex-col gap-0.5 p-3">
      <h2 id={id} className="text-xs font-medium text-muted-foreground">
        {title}
      </h2>
      <p className="text-2xl font-semibold tabular-nums">{value}</p>
      <div className="text-xs text-muted-foreground">{children}</div>
    </Card>
  );
}

function Part({ state, n, label }: { state: string; n: number | undefined; label: string }) {
  return (
    <span className="inline-flex items-center gap-1 whitespace-nowrap">
      <span aria-hidden className="inline-block size-2 rounded-full" style={{ background: stateColor(state) }} />
      {n ?? "—"} {label}
    </span>
  );
}

/**
 * The chart's counts are one plain query (a live query may hold one root field; the chart needs four
 * per bucket); the summary's live counts move whenever any of them could, so the chart re-reads then,
 * at most once a second.
 */
function useRefreshCharts(signature: string) {
  const client = useQueryClient();
  const last = useRef({ signature, at: 0, timer: undefined as ReturnType<typeof setTimeout> | undefined });
  useEffect(() => {
    const state = last.current;
    if (state.signature === signature) return;
    // The first complete set of counts is no change: the charts have just read theirs.
    const first = state.signature.split(",").includes("");
    state.signature = signature;
    if (first) return;
    const refresh = () => {
      state.at = Date.now();
      state.timer = undefined;
      void client.invalidateQueries({ predicate: (q) => isOutcomeCountKey(q.queryKey) });
    };
    const wait = state.at + REFRESH_MS - Date.now();
    if (wait <= 0) refresh();
    else state.timer ??= setTimeout(refresh, wait);
  }, [signature, client]);
  useEffect(() => () => clearTimeout(last.current.timer), []);
}
