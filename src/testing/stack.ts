/**
 * The shared test kit (src/testing/): test-only code that starts a real server, agents and `tern`
 * processes and drives flows through them, for the tests of every layer that needs the whole stack
 * (agent, engine, CLI, SDK, client) and for bench/ and e2e/. It sits above every folder it imports;
 * no production module may import it. Flow files here are fixtures those tests register.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { TernClient } from "../client/client.ts";
import { must } from "../client/must.ts";
import { graphql } from "../core/gql/gql.ts";
import { isFinished, isStateName } from "../core/states.ts";
import type { Flow } from "../sdk/flow.ts";
import { type RegisterRedirect, setRegisterRedirect } from "../sdk/register.ts";
import { definedFlows } from "../sdk/registry.ts";
import { createTestDatabase, type TestDatabase } from "../server/db/testing.ts";
import type { ServerConfig } from "../server/config.ts";
import { startServer, type RunningServer } from "../server/main.ts";

const CreateProject = graphql(`
  mutation Testing_createProject($input: create_project_input!) {
    create_project(input: $input) {
      id
    }
  }
`);

const CreateRun = graphql(`
  mutation Testing_createFlowRun($input: create_flow_run_input!) {
    create_flow_run(input: $input) {
      id
    }
  }
`);

const RunState = graphql(`
  query Testing_runState($id: uuid!) {
    flow_run_by_pk(id: $id) {
      id
      state
      state_message
    }
  }
`);

/** A client of some Tern server, with helpers to register and run flows through it. */
export interface StackClient {
  client: TernClient;
  /** Imports a flow file with registration redirected to this server's "tutorial" project. */
  register(file: string): Promise<{ flow: Flow; flowId: string }>;
  createRun(flowId: string, parameters?: Record<string, unknown>): Promise<string>;
  waitForFinish(flowRunId: string, timeoutMs?: number): Promise<{ state: string; state_message: string | null }>;
}

/** A real server on a temp SQLite file (or a fresh PostgreSQL database), a client for it, and helpers. */
export interface TestStack extends StackClient {
  server: RunningServer;
  home: string;
  close(): Promise<void>;
}

export async function startTestStack(options: { dialect?: "sqlite" | "postgres"; server?: Partial<ServerConfig> } = {}): Promise<TestStack> {
  const home = mkdtempSync(join(tmpdir(), "tern-stack-"));
  const database: TestDatabase | undefined = options.dialect === "postgres" ? await createTestDatabase("postgres") : undefined;
  const server = await startServer({ ...options.server, port: 0, databaseUrl: database?.url ?? join(home, "tern.db") });
  return {
    ...(await stackClient(server.graphqlUrl)),
    server,
    home,
    async close() {
      await server.close();
      await database?.drop();
      rmSync(home, { recursive: true, force: true });
    },
  };
}

/** Helpers over the server at `api`, after creating the "tutorial" project flows register into. */
export async function stackClient(api: string): Promise<StackClient> {
  const client = new TernClient({ api });
  await client.request(CreateProject, { input: { name: "tutorial", description: null } });
  return {
    client,
    async register(file) {
      const redirect: RegisterRedirect = { projectName: "tutorial", api, registered: new Map(), labels: ["test"] };
      setRegisterRedirect(redirect);
      const log = console.log;
      console.log = () => {};
      try {
        const before = new Set(definedFlows());
        await import(pathToFileURL(file).href);
        const flow = definedFlows().find((f) => !before.has(f)) ?? definedFlows().findLast((f) => f.sourceFile === file)!;
        const flowId = (await (redirect.registered.get(flow) ?? flow.register({ projectName: "tutorial" }))) as string;
        return { flow, flowId };
      } finally {
        console.log = log;
        setRegisterRedirect(undefined);
      }
    },
    async createRun(flowId, parameters = {}) {
      return must((await client.request(CreateRun, { input: { flow_id: flowId, parameters } })).create_flow_run?.id, "flow run id");
    },
    async waitForFinish(id, timeoutMs = 20_000) {
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        const run = (await client.request(RunState, { id })).flow_run_by_pk;
        if (run?.state && isStateName(run.state) && isFinished(run.state)) return { state: run.state, state_message: run.state_message ?? null };
        if (Date.now() > deadline) throw new Error(`flow run ${id} did not finish (state ${run?.state})`);
        await new Promise((r) => setTimeout(r, 25));
      }
    },
  };
}
