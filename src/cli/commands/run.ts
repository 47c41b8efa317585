import { randomUUID } from "node:crypto";
import type { Command } from "commander";
import { TernClient } from "../../client/client.ts";
import { uiUrl } from "../../client/config.ts";
import { must } from "../../client/must.ts";
import { graphql } from "../../core/gql/gql.ts";
import type { Cli_WatchRunSubscription } from "../../core/gql/graphql.ts";
import { isFinished, isStateName, isSuccessful } from "../../core/states.ts";
import { CliError } from "../errors.ts";
import { cliFailure } from "../failure.ts";
import { type StateEntry, StateLineOrder } from "../state-lines.ts";

const FlowByName = graphql(`
  query Cli_flowByName($name: String!, $project: String!) {
    flow(where: { name: { _eq: $name }, archived: { _eq: false }, project: { name: { _eq: $project } } }, order_by: { version: desc }, limit: 1) {
      id
      name
      version
    }
  }
`);

const CreateFlowRun = graphql(`
  mutation Cli_createFlowRun($input: create_flow_run_input!) {
    create_flow_run(input: $input) {
      id
    }
  }
`);

/** The run's whole state history (its own and its task runs'): a live query of the current states alone skips the ones in between. */
const WatchRun = graphql(`
  subscription Cli_watchRun($id: uuid!) {
    flow_run_by_pk(id: $id) {
      id
      name
      state
      states(order_by: { timestamp: asc }) {
        id
        state
        message
        timestamp
      }
      task_runs {
        id
        map_index
        task {
          slug
        }
        states(order_by: { timestamp: asc }) {
          id
          state
          timestamp
        }
      }
    }
  }
`);

const WatchLogs = graphql(`
  subscription Cli_watchLogs($id: uuid!) {
    log(where: { flow_run_id: { _eq: $id } }, order_by: { timestamp: asc }) {
      id
      timestamp
      level
      name
      message
    }
  }
`);

/** Parses `k=v`; the value is JSON when it parses (numbers, booleans, objects), else a string. */
export function parseParam(pair: string): [string, unknown] {
  const eq = pair.indexOf("=");
  if (eq <= 0) throw new CliError(`--param expects key=value, got "${pair}"`);
  const key = pair.slice(0, eq);
  const raw = pair.slice(eq + 1);
  try {
    return [key, JSON.parse(raw)];
  } catch {
    return [key, raw];
  }
}

/** `tern run flow --name N --project P [--param k=v]… [--watch]`. */
export function registerRunCommands(program: Command) {
  const run = program.command("run").description("Start flow runs");
  run
    .command("flow")
    .description("Create a run of the newest version of a flow; --watch follows it until it finishes")
    .requiredOption("--name <name>", "flow name")
    .requiredOption("--project <name>", "project name")
    .option("--param <key=value>", "parameter (repeatable; JSON values allowed)", (v: string, all: string[]) => [...all, v], [] as string[])
    .option("--watch", "follow states and logs; exit 0 on Success, 1 otherwise")
    .option("--api <url>", "GraphQL endpoint (default TERN_API or http://127.0.0.1:4200/graphql)")
    .action(async (opts: { name: string; project: string; param: string[]; watch?: boolean; api?: string }) => {
      const parameters = Object.fromEntries(opts.param.map(parseParam));
      const client = new TernClient({ api: opts.api });
      try {
        const flow = (await client.request(FlowByName, { name: opts.name, project: opts.project })).flow[0];
        if (!flow) throw new CliError(`No flow "${opts.name}" in project "${opts.project}". Register it with: tern register FILE --project "${opts.project}"`);
        // A fresh key per command, so the retry of a request whose answer was lost finds the run the
        // first delivery made instead of starting a second one.
        const input = { flow_id: flow.id, parameters, idempotency_key: randomUUID() };
        const id = must((await client.request(CreateFlowRun, { input }, { retry: true })).create_flow_run?.id, "flow run id");
        console.log(`Flow run created: ${id}`);
        console.log(`  ${uiUrl(client.url)}/flow-run/${id}`);
        if (!opts.watch) return;
        const ok = await watch(client, id);
        if (!ok) throw new CliError("the flow run did not succeed");
      } catch (error) {
        throw cliFailure(error);
      }
    });
}

async function watch(client: TernClient, id: string): Promise<boolean> {
  const seenLogs = new Set<string>();
  const logs = client.subscribe(WatchLogs, { id });
  void (async () => {
    try {
      for await (const data of logs) {
        for (const line of data.log) {
          if (seenLogs.has(line.id)) continue;
          seenLogs.add(line.id);
          console.log(`  ${line.timestamp} ${line.level} ${line.name ?? ""} | ${line.message ?? ""}`);
        }
      }
    } catch {
      // the state stream decides the outcome; a broken log stream only loses lines
    }
  })();
  const order = new StateLineOrder();
  // Lines a result holds back come out after this long without a newer result.
  let quiet: NodeJS.Timeout | undefined;
  const print = (lines: string[]) => {
    for (const line of lines) console.log(line);
  };
  const states = client.subscribe(WatchRun, { id });
  try {
    for await (const data of states) {
      const run = data.flow_run_by_pk;
      if (!run) throw new CliError(`flow run ${id} disappeared`);
      clearTimeout(quiet);
      const state = run.state && isStateName(run.state) ? run.state : null;
      const finished = state !== null && isFinished(state);
      print(order.next(stateEntries(run), finished));
      if (order.holding) quiet = setTimeout(() => print(order.flush()), 1000);
      if (finished) {
        // Give the log stream a moment to deliver the last batch, stored before the final state.
        await new Promise((r) => setTimeout(r, 200));
        return isSuccessful(state);
      }
    }
    return false;
  } finally {
    clearTimeout(quiet);
    states.close();
    logs.close();
  }
}

type WatchedRun = NonNullable<Cli_WatchRunSubscription["flow_run_by_pk"]>;

/** Every state of the run, its own and its task runs', as the lines `--watch` prints. */
function stateEntries(run: WatchedRun): StateEntry[] {
  return [
    ...run.states.map((s) => ({ ...s, line: `${s.timestamp} flow run ${run.name ?? run.id}: ${s.state}${s.message ? ` (${s.message})` : ""}` })),
    ...run.task_runs.flatMap((tr) => {
      const name = `${tr.task?.slug ?? tr.id}${tr.map_index >= 0 ? `[${tr.map_index}]` : ""}`;
      return tr.states.map((s) => ({ id: s.id, timestamp: s.timestamp, line: `${s.timestamp} task ${name}: ${s.state}` }));
    }),
  ].map((e) => ({ id: e.id, timestamp: String(e.timestamp), line: e.line }));
}
