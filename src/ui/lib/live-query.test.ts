import { QueryClient } from "@tanstack/react-query";
import { parse } from "graphql";
import { beforeEach, describe, expect, it, vi } from "vitest";
import { makeSubject, type Subject } from "wonka";

/** Each subscription the live queries open: its operation name and the subject that feeds it. */
const opened: { name: string; subject: Subject<{ data?: unknown; error?: unknown }> }[] = [];

vi.mock("./transport.ts", () => ({
  urql: {
    subscription: (document: { definitions: { name?: { value: string } }[] }) => {
      const subject = makeSubject<{ data?: unknown; error?: unknown }>();
      opened.push({ name: document.definitions[0]?.name?.value ?? "", subject });
      return subject.source;
    },
  },
}));

const { ensureLiveQueryData, liveCovering } = await import("./live-query.ts");

const options = (name: string, key: string, request: () => Promise<unknown>) => ({
  queryKey: [key],
  queryFn: request,
  meta: { document: parse(`query ${name} { flow_run_by_pk(id: "1") { id } }`), variables: {} },
});

describe("live queries that cover others (liveCovering)", () => {
  beforeEach(() => {
    opened.length = 0;
  });

  it("write each result to the covered entries too, which open no stream of their own", async () => {
    const client = new QueryClient();
    const requests: string[] = [];
    const run = liveCovering(
      options("Run", "run-1", async () => requests.push("run")),
      [["rows-1"]],
    );
    const rows = options("Rows", "rows-1", async () => requests.push("rows"));
    const loadRun = ensureLiveQueryData(run, client);
    const loadRows = ensureLiveQueryData(rows, client);
    expect(opened.map((o) => o.name)).toEqual(["Run"]);
    const first = { flow_run_by_pk: { id: "1", state: "Running", task_runs: [{ id: "t", state: "Running" }] } };
    opened[0]!.subject.next({ data: first });
    await expect(loadRun).resolves.toEqual(first);
    // The covered load waited for the covering stream's first result instead of asking on its own.
    await expect(loadRows).resolves.toEqual(first);
    expect(requests).toEqual([]);
    const done = { flow_run_by_pk: { id: "1", state: "Success", task_runs: [{ id: "t", state: "Success" }] } };
    opened[0]!.subject.next({ data: done });
    expect(client.getQueryData(["run-1"])).toEqual(done);
    expect(client.getQueryData(["rows-1"])).toEqual(done);
  });

  it("a covered query alone opens its own stream", async () => {
    const client = new QueryClient();
    const load = ensureLiveQueryData(options("Rows", "rows-2", async () => "asked"), client);
    expect(opened.map((o) => o.name)).toEqual(["Rows"]);
    opened[0]!.subject.next({ data: { flow_run_by_pk: { id: "2" } } });
    await expect(load).resolves.toEqual({ flow_run_by_pk: { id: "2" } });
  });
});
