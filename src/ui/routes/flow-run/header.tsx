import { type ReactNode, useEffect, useState } from "react";
import { Link } from "react-router";
import { graphql } from "../../../core/gql/gql.ts";
import type { RunHeader_FlowRunFragment } from "../../../core/gql/graphql.ts";
import { Duration, Time } from "../../components/time.tsx";
import { Button } from "../../components/ui/button.tsx";

/** What the run page's header shows beyond name and state; the page's detail query spreads it. */
export const RunHeaderFragment = graphql(`
  fragment RunHeader_flowRun on flow_run {
    id
    parameters
    labels
    scheduled_start_time
    start_time
    end_time
    agent_id
    agent {
      id
      name
    }
    flow_id
    flow {
      id
      archived
      parameters
    }
  }
`);

/** A jsonb list of labels as strings (anything else reads as none). */
export function runLabels(labels: unknown): string[] {
  return Array.isArray(labels) ? labels.filter((l): l is string => typeof l === "string") : [];
}

function Fact({ term, children }: { term: string; children: ReactNode }) {
  return (
    <div>
      <dt className="inline">{term} </dt>
      <dd className="inline text-foreground">{children}</dd>
    </div>
  );
}

/** Run id, times, duration, the agent that ran it, labels and parameters. */
export function RunFacts({ run }: { run: RunHeader_FlowRunFragment }) {
  const labels = runLabels(run.labels);
  return (
    <>
      <dl className="flex flex-wrap items-center gap-x-5 gap-y-1 text-sm text-muted-foreground">
        <Fact term="Run ID">
          <RunId id={run.id} />
        </Fact>
        <Fact term="Scheduled">
          <Time iso={run.scheduled_start_time} />
        </Fact>
        <Fact term="Started">
          <Time iso={run.start_time} />
        </Fact>
        <Fact term="Ended">
          <Time iso={run.end_time} />
        </Fact>
        <Fact term="Duration">
          <Duration start={run.start_time} end={run.end_time} />
        </Fact>
        <Fact term="Agent">
          {run.agent ? (
            <Link className="text-primary hover:underline" to="/agents">
              {run.agent.name ?? run.agent.id}
            </Link>
          ) : (
            (run.agent_id ?? "not picked up yet")
          )}
        </Fact>
        <Fact term="Labels">{labels.length ? labels.join(", ") : "none"}</Fact>
      </dl>
      <Parameters values={run.parameters} />
    </>
  );
}

/** Each parameter the run was given, by name, → its value as JSON text. */
function Parameters({ values }: { values: unknown }) {
  const entries = values && typeof values === "object" && !Array.isArray(values) ? Object.entries(values as Record<string, unknown>).sort(([a], [b]) => a.localeCompare(b)) : [];
  if (entries.length === 0) return <p className="text-sm text-muted-foreground">No parameters.</p>;
  return (
    <div role="group" aria-label="Parameters" className="flex flex-wrap items-baseline gap-x-3 text-sm text-muted-foreground">
      <span aria-hidden>Parameters</span>
      <dl className="flex flex-wrap gap-x-5 gap-y-1">
        {entries.map(([name, value]) => (
          <div key={name} className="flex min-w-0 gap-1.5">
            <dt>{name}</dt>
            <dd className="max-w-[40ch] truncate font-mono text-foreground" title={JSON.stringify(value)}>
              {JSON.stringify(value) ?? "null"}
            </dd>
          </div>
        ))}
      </dl>
    </div>
  );
}

/** The run id in full, with a button that copies it and says so. */
function RunId({ id }: { id: string }) {
  const [copied, setCopied] = useState<"yes" | "failed" | null>(null);
  useEffect(() => {
    if (!copied) return;
    const t = setTimeout(() => setCopied(null), 3000);
    return () => clearTimeout(t);
  }, [copied]);
  return (
    <span className="inline-flex items-center gap-1.5">
      <code className="text-foreground">{id}</code>
      <Button
        size="sm"
        variant="ghost"
        className="h-6 px-1.5 text-xs"
        aria-label="Copy run ID"
        onClick={() =>
          navigator.clipboard.writeText(id).then(
            () => setCopied("yes"),
            () => setCopied("failed"),
          )
        }
      >
        Copy
      </Button>
      <span role="status" className={copied === "failed" ? "text-xs text-danger" : "text-xs text-success"}>
        {copied === "yes" ? "Copied" : copied === "failed" ? "Could not copy: select the ID instead." : null}
      </span>
    </span>
  );
}
