import { type ChildProcess, execFile, spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { promisify } from "node:util";
import { test as base, expect } from "@playwright/test";

export const run = promisify(execFile);
export const ROOT = resolve(import.meta.dirname, "..");
export const TERN = join(ROOT, "bin/tern.mjs");

export interface TernFixture {
  /** The server's origin, e.g. http://127.0.0.1:41234 (also the page's baseURL). */
  url: string;
  graphqlUrl: string;
  /** Runs a GraphQL operation and returns `data`; throws on errors. */
  gql<T = any>(query: string, variables?: Record<string, unknown>): Promise<T>;
  createProject(name: string): Promise<string>;
  /** Registers an example flow file from the shell, as a user would: `tern register FILE --project NAME`. */
  registerFlow(file: string, projectName: string): Promise<{ flowId: string; flowGroupId: string; output: string }>;
  /** A name unique to this test run, so journeys never see each other's data. */
  unique(prefix: string): string;
}

/** Starts a child process and resolves once a line of its output matches `ready`. */
export function startProcess(args: string[], env: NodeJS.ProcessEnv, ready: RegExp): Promise<{ child: ChildProcess; match: RegExpMatchArray; output: () => string }> {
  return new Promise((resolvePromise, reject) => {
    const child = spawn(process.execPath, [TERN, ...args], { cwd: ROOT, env, stdio: ["ignore", "pipe", "pipe"] });
    let output = "";
    const timer = setTimeout(() => reject(new Error(`tern ${args.join(" ")} did not become ready:\n${output}`)), 30_000);
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const match = output.match(ready);
      if (match) {
        clearTimeout(timer);
        resolvePromise({ child, match, output: () => output });
      }
    };
    child.stdout?.on("data", onData);
    child.stderr?.on("data", onData);
    child.once("exit", (code) => {
      clearTimeout(timer);
      reject(new Error(`tern ${args.join(" ")} exited with ${code}:\n${output}`));
    });
  });
}

export async function waitFor(check: () => Promise<boolean>, what: string, timeoutMs = 30_000) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (await check().catch(() => false)) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`Timed out waiting for ${what}`);
}

export async function stopProcess(child: ChildProcess) {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((r) => child.once("exit", r));
  child.kill("SIGINT");
  const timeout = setTimeout(() => child.kill("SIGKILL"), 10_000);
  await exited;
  clearTimeout(timeout);
}

export const test = base.extend<{}, { tern: TernFixture }>({
  tern: [
    async ({}, use) => {
      const home = mkdtempSync(join(tmpdir(), "tern-e2e-"));
      const env = { ...process.env, TERN_HOME: home, DATABASE_URL: join(home, "tern.db"), TERN_ZOMBIE_TIMEOUT: "60", TERN_SCHEDULER_INTERVAL: "1" };
      const server = await startProcess(["server", "start", "--port", "0"], env, /GraphQL:\s+(http:\/\/\S+\/graphql)/);
      const graphqlUrl = server.match[1];
      const url = graphqlUrl.replace(/\/graphql$/, "");
      const agentEnv = { ...env, TERN_API: graphqlUrl };
      // The agent prints as it goes; it is ready once it has registered (first output line is enough to wait on).
      const agent = await startProcess(["agent", "local", "start", "--api", graphqlUrl], agentEnv, /\S/);

      const gql = async (query: string, variables?: Record<string, unknown>) => {
        const response = await fetch(graphqlUrl, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ query, variables }) });
        const body = (await response.json()) as { data?: any; errors?: unknown[] };
        if (body.errors?.length) throw new Error(`GraphQL errors: ${JSON.stringify(body.errors)}`);
        return body.data;
      };
      await waitFor(async () => (await gql("query { agent { id } }")).agent.length > 0, "the agent to register");
      let counter = 0;
      const fixture: TernFixture = {
        url,
        graphqlUrl,
        gql,
        async createProject(name) {
          const data = await gql("mutation($name: String!) { create_project(input: { name: $name }) { id } }", { name });
          return data.create_project.id;
        },
        async registerFlow(file, projectName) {
          const { stdout, stderr } = await run(process.execPath, [TERN, "register", resolve(ROOT, file), "--project", projectName, "--api", graphqlUrl], {
            cwd: ROOT,
            env: agentEnv,
          });
          const output = stdout + stderr;
          const flowId = output.match(/ID: ([0-9a-f-]{36})/)?.[1];
          const flowGroupId = output.match(/\/flow\/([0-9a-f-]{36})/)?.[1];
          if (!flowId || !flowGroupId) throw new Error(`Unexpected register output:\n${output}`);
          return { flowId, flowGroupId, output };
        },
        unique(prefix) {
          counter += 1;
          return `${prefix}-${Date.now().toString(36)}-${counter}`;
        },
      };
      await use(fixture);
      await stopProcess(agent.child);
      await stopProcess(server.child);
      rmSync(home, { recursive: true, force: true });
    },
    { scope: "worker", timeout: 60_000 },
  ],
  baseURL: async ({ tern }, use) => use(tern.url),
});

export { expect };
