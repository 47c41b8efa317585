import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { test as base, expect } from "@playwright/test";
import { ROOT, run, startProcess, stopProcess, TERN, waitFor } from "./fixtures.ts";

export interface AuthTernFixture {
  url: string;
  /** A key made with `tern auth create-key`, as an operator would. */
  key: string;
  /** A GraphQL call with the key; throws on errors. */
  gql<T = any>(query: string, variables?: Record<string, unknown>): Promise<T>;
  /** `tern auth ARGS…` on the server's database, as its operator runs it; its stdout. */
  authCommand(...args: string[]): Promise<string>;
  /** `tern create project` + `tern register` from the shell with TERN_API_KEY set. */
  registerIntoNewProject(file: string, projectName: string): Promise<{ flowGroupId: string }>;
}

/**
 * A server started with `--auth` and a local agent that reads TERN_API_KEY, one per worker.
 * Separate from fixtures.ts so the open-server journeys stay as they are.
 */
export const test = base.extend<{}, { ternAuth: AuthTernFixture }>({
  ternAuth: [
    async ({}, use) => {
      const home = mkdtempSync(join(tmpdir(), "tern-e2e-auth-"));
      const databaseUrl = join(home, "tern.db");
      const env: NodeJS.ProcessEnv = { ...process.env, TERN_HOME: home, DATABASE_URL: databaseUrl, TERN_ZOMBIE_TIMEOUT: "60" };
      delete env.TERN_API_KEY;
      const server = await startProcess(["server", "start", "--port", "0", "--auth"], env, /GraphQL:\s+(http:\/\/\S+\/graphql)/);
      const graphqlUrl = server.match[1];
      const key = (await run(process.execPath, [TERN, "auth", "create-key", "--name", "e2e"], { cwd: ROOT, env })).stdout.trim();
      const keyedEnv = { ...env, TERN_API: graphqlUrl, TERN_API_KEY: key };
      const agent = await startProcess(["agent", "local", "start"], keyedEnv, /\S/);
      const gql = async (query: string, variables?: Record<string, unknown>) => {
        const response = await fetch(graphqlUrl, { method: "POST", headers: { "content-type": "application/json", authorization: `Bearer ${key}` }, body: JSON.stringify({ query, variables }) });
        const body = (await response.json()) as { data?: any; errors?: unknown[] };
        if (body.errors?.length) throw new Error(`GraphQL errors: ${JSON.stringify(body.errors)}`);
        return body.data;
      };
      await waitFor(async () => (await gql("query { agent { id } }")).agent.length > 0, "the agent to register");
      await use({
        url: graphqlUrl.replace(/\/graphql$/, ""),
        key,
        gql,
        authCommand: async (...args) => (await run(process.execPath, [TERN, "auth", ...args], { cwd: ROOT, env })).stdout,
        async registerIntoNewProject(file, projectName) {
          await run(process.execPath, [TERN, "create", "project", projectName], { cwd: ROOT, env: keyedEnv });
          const { stdout } = await run(process.execPath, [TERN, "register", resolve(ROOT, file), "--project", projectName], { cwd: ROOT, env: keyedEnv });
          const flowGroupId = stdout.match(/\/flow\/([0-9a-f-]{36})/)?.[1];
          if (!flowGroupId) throw new Error(`Unexpected register output:\n${stdout}`);
          return { flowGroupId };
        },
      });
      await stopProcess(agent.child);
      await stopProcess(server.child);
      rmSync(home, { recursive: true, force: true });
    },
    { scope: "worker", timeout: 60_000 },
  ],
  baseURL: async ({ ternAuth }, use) => use(ternAuth.url),
});

export { expect };
