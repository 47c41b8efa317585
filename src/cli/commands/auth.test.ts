import { type ChildProcess, execFile, spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { TernClient } from "../../client/client.ts";
import { graphql } from "../../core/gql/gql.ts";
import { Flow } from "../../sdk/flow.ts";
import { task } from "../../sdk/task.ts";
import { type ApiKeyInfo, listApiKeys } from "../../server/auth/api-keys.ts";
import { createTestDatabase, type TestDatabase, testDialects } from "../../server/db/testing.ts";
import { startServer, type RunningServer } from "../../server/main.ts";

const run = promisify(execFile);
const ROOT = join(import.meta.dirname, "../../..");
const TERN = join(ROOT, "bin/tern.mjs");
const HELLO = join(ROOT, "examples/hello-flow.ts");

const Agents = graphql(`
  query AuthTest_agents {
    agent {
      id
      name
    }
  }
`);

const ProjectFlows = graphql(`
  query AuthTest_projectFlows($name: String!) {
    project(where: { name: { _eq: $name } }) {
      name
      flows {
        name
      }
    }
  }
`);

/**
 * Every node-side program against a real `--auth` server: with `TERN_API_KEY` it works, without it it
 * fails in one line with exit 1. The key comes from `tern auth create-key`, as an operator makes it.
 */
// Each test starts `tern` several times; on a busy machine one start alone can take seconds.
describe("TERN_API_KEY against a server started with --auth", { timeout: 120_000 }, () => {
  let home: string;
  let server: RunningServer;
  let key: string;
  let admin: TernClient;

  /** The real `tern` binary; its exit code and output, never a throw. `env` replaces TERN_API_KEY. */
  async function tern(args: string[], apiKey: string | undefined) {
    const env: NodeJS.ProcessEnv = { ...process.env, TERN_HOME: home, TERN_API: server.graphqlUrl };
    delete env.TERN_API_KEY;
    if (apiKey) env.TERN_API_KEY = apiKey;
    try {
      const { stdout, stderr } = await run(process.execPath, [TERN, ...args], { cwd: ROOT, env, timeout: 30_000 });
      return { code: 0, stdout, stderr };
    } catch (error) {
      const e = error as { code: number; stdout: string; stderr: string };
      return { code: e.code, stdout: e.stdout, stderr: e.stderr };
    }
  }

  const NO_KEY = "Error: this server requires an API key: set TERN_API_KEY to a key from `tern auth create-key`";
  const WRONG_KEY = "Error: the server did not accept the API key in TERN_API_KEY; create one with `tern auth create-key`";
  const expectOneLineAuthFailure = (result: { code: number; stderr: string }, line = NO_KEY) => {
    expect(result.code).toBe(1);
    expect(result.stderr.trim()).toBe(line);
  };

  beforeAll(async () => {
    home = mkdtempSync(join(tmpdir(), "tern-auth-"));
    const databaseUrl = join(home, "tern.db");
    server = await startServer({ port: 0, databaseUrl, auth: true });
    const created = await run(process.execPath, [TERN, "auth", "create-key", "--name", "test", "--database-url", databaseUrl], { cwd: ROOT, env: { ...process.env, TERN_HOME: home } });
    key = created.stdout.trim();
    admin = new TernClient({ api: server.graphqlUrl, apiKey: key });
  });
  afterAll(async () => {
    await server?.close();
    rmSync(home, { recursive: true, force: true });
  });

  it("create-key prints a key and how to use it", () => {
    expect(key).toMatch(/^tern_\S+$/);
  });

  it("tern create project: works with the key, one clear line without it", async () => {
    const ok = await tern(["create", "project", "keyed"], key);
    expect(ok.code).toBe(0);
    expect(ok.stdout.trim()).toBe("keyed created");
    expectOneLineAuthFailure(await tern(["create", "project", "unkeyed"], undefined));
    expectOneLineAuthFailure(await tern(["create", "project", "wrong"], "tern_not-a-real-key"), WRONG_KEY);
    expect((await admin.request(ProjectFlows, { name: "unkeyed" })).project).toHaveLength(0);
  });

  it("tern register: works with the key, one clear line without it", async () => {
    await tern(["create", "project", "reg"], key);
    const ok = await tern(["register", HELLO, "--project", "reg"], key);
    expect(ok.code).toBe(0);
    expect(ok.stdout).toContain("Flow URL:");
    expect((await admin.request(ProjectFlows, { name: "reg" })).project[0].flows.map((f) => f.name)).toEqual(["hello-flow"]);
    expectOneLineAuthFailure(await tern(["register", HELLO, "--project", "reg"], undefined));
  });

  it("flow.register() from the SDK sends TERN_API_KEY and rejects clearly without it", async () => {
    await tern(["create", "project", "sdk"], key);
    const one = task(() => 1, { name: "one" });
    const flow = new Flow("auth-sdk-flow", () => {
      one();
    });
    const previous = process.env.TERN_API_KEY;
    const log = vi.spyOn(console, "log").mockImplementation(() => {});
    try {
      delete process.env.TERN_API_KEY;
      await expect(flow.register({ projectName: "sdk", api: server.graphqlUrl })).rejects.toMatchObject({ name: "RegisterError", message: NO_KEY.replace(/^Error: /, "") });
      process.env.TERN_API_KEY = key;
      const flowId = await flow.register({ projectName: "sdk", api: server.graphqlUrl });
      expect(flowId).toMatch(/^[0-9a-f-]{36}$/);
    } finally {
      log.mockRestore();
      if (previous === undefined) delete process.env.TERN_API_KEY;
      else process.env.TERN_API_KEY = previous;
    }
  });

  it("the tutorial script (an awaited flow.register()) fails without the key, with no stack trace", async () => {
    const env: NodeJS.ProcessEnv = { ...process.env, TERN_HOME: home, TERN_API: server.graphqlUrl };
    delete env.TERN_API_KEY;
    const failed = await run(process.execPath, ["--import", "tsx", HELLO], { cwd: ROOT, env, timeout: 60_000 }).then(
      () => ({ code: 0, stderr: "" }),
      (e: { code: number; stderr: string }) => e,
    );
    expect(failed.code).toBe(1);
    expect(failed.stderr.trim()).toBe(NO_KEY);
    expect(failed.stderr).not.toMatch(/^\s+at /m);
  });

  it("tern agent local start: fails in one line without the key", async () => {
    expectOneLineAuthFailure(await tern(["agent", "local", "start", "--warm", "0"], undefined));
  });

  it("tern agent local start: registers with the key", async () => {
    const env: NodeJS.ProcessEnv = { ...process.env, TERN_HOME: home, TERN_API: server.graphqlUrl, TERN_API_KEY: key };
    const child: ChildProcess = spawn(process.execPath, [TERN, "agent", "local", "start", "--warm", "0", "--name", "keyed-agent"], { cwd: ROOT, env, stdio: "ignore" });
    try {
      await vi.waitFor(async () => expect((await admin.request(Agents, {})).agent.map((a) => a.name)).toContain("keyed-agent"), { timeout: 60_000, interval: 100 });
    } finally {
      const exited = new Promise((r) => child.once("exit", r));
      child.kill("SIGINT");
      await exited;
    }
  });
});

/** `tern auth list-keys` and `revoke-key` against a running `--auth` server's database, on each dialect. */
describe.each(testDialects())("tern auth list-keys / revoke-key on %s", { timeout: 120_000 }, (kind) => {
  let testDb: TestDatabase;
  let server: RunningServer;
  const keys: Record<string, { key: string; id: string }> = {};

  async function authCommand(...args: string[]) {
    try {
      const { stdout, stderr } = await run(process.execPath, [TERN, "auth", ...args, "--database-url", testDb.url], { cwd: ROOT, timeout: 30_000 });
      return { code: 0, stdout, stderr };
    } catch (error) {
      const e = error as { code: number; stdout: string; stderr: string };
      return { code: e.code, stdout: e.stdout, stderr: e.stderr };
    }
  }

  /** Runs `tern auth revoke-key` and, on PostgreSQL, waits for its notice to reach the server. */
  async function revoke(idOrName: string) {
    const noticed =
      kind === "sqlite"
        ? Promise.resolve()
        : new Promise<void>((resolve) => {
            const stop = server.deps.events.subscribe((topics) => {
              if (!topics.has("api_key")) return;
              stop();
              resolve();
            });
          });
    const result = await authCommand("revoke-key", idOrName);
    if (result.code === 0 && result.stdout.startsWith("Revoked")) await noticed;
    return result;
  }

  const ask = (key: string) => fetch(server.graphqlUrl, { method: "POST", headers: { "content-type": "application/json", authorization: `Bearer ${key}` }, body: JSON.stringify({ query: "{ hello }" }) });
  /** list-keys as rows of cells (its columns are separated by two or more spaces). */
  const listed = async () => {
    const result = await authCommand("list-keys");
    expect(result.code).toBe(0);
    return { text: result.stdout, rows: result.stdout.trim().split("\n").map((line) => line.split(/\s{2,}/)) };
  };

  beforeAll(async () => {
    testDb = await createTestDatabase(kind);
    server = await startServer({ port: 0, databaseUrl: testDb.url, auth: true });
    for (const name of ["ops", "ci", "twin", "twin"]) {
      const created = await authCommand("create-key", "--name", name);
      const key = created.stdout.trim();
      const newest = (await listApiKeys(server.deps.db)).at(-1) as ApiKeyInfo;
      keys[name === "twin" && keys.twin ? "twin2" : name] = { key, id: newest.id };
    }
  });
  afterAll(async () => {
    await server?.close();
    await testDb?.drop();
  });

  it("list-keys shows id, name, created and last used, never a key", async () => {
    expect((await ask(keys.ops.key)).status).toBe(200);
    await vi.waitFor(async () => expect((await listed()).rows.find((r) => r[1] === "ops")?.[3]).toMatch(/^\d{4}-\d\d-\d\dT/), { timeout: 30_000, interval: 200 });
    const { text, rows } = await listed();
    expect(rows[0]).toEqual(["ID", "NAME", "CREATED", "LAST USED", "STATUS"]);
    expect(rows.slice(1).map((r) => r[1]).sort()).toEqual(["ci", "ops", "twin", "twin"]);
    const ci = rows.find((r) => r[1] === "ci") as string[];
    expect(ci[0]).toBe(keys.ci.id);
    expect(Number.isNaN(Date.parse(ci[2]))).toBe(false);
    expect(ci.slice(3)).toEqual(["never", "active"]);
    for (const { key } of Object.values(keys)) {
      expect(text).not.toContain(key);
      expect(text).not.toContain(key.slice(5, 15));
    }
  });

  it("revoke-key by name: the key is refused from the next request on, and listed as revoked", async () => {
    expect((await ask(keys.ops.key)).status).toBe(200);
    const result = await revoke("ops");
    expect(result.code).toBe(0);
    expect(result.stdout.trim()).toBe(`Revoked API key "ops" (${keys.ops.id}).`);
    const refused = await ask(keys.ops.key);
    expect(refused.status).toBe(401);
    expect((await refused.json()).errors[0].extensions.code).toBe("UNAUTHENTICATED");
    expect((await ask(keys.ci.key)).status).toBe(200);
    expect((await listed()).rows.find((r) => r[1] === "ops")?.[4]).toMatch(/^revoked \d{4}-/);
  });

  it("revoke-key by id; again says it already was", async () => {
    expect((await ask(keys.ci.key)).status).toBe(200);
    const result = await revoke(keys.ci.id);
    expect(result.code).toBe(0);
    expect(result.stdout.trim()).toBe(`Revoked API key "ci" (${keys.ci.id}).`);
    expect((await ask(keys.ci.key)).status).toBe(401);
    const again = await revoke(keys.ci.id);
    expect(again.code).toBe(0);
    expect(again.stdout).toContain("was already revoked");
  });

  it("revoke-key refuses, in one line, a name two active keys share and a name no key has", async () => {
    const twin = await revoke("twin");
    expect(twin.code).toBe(1);
    expect(twin.stderr.trim().split("\n")).toHaveLength(1);
    expect(twin.stderr).toContain(keys.twin.id);
    expect((await ask(keys.twin.key)).status).toBe(200);
    const unknown = await revoke("nobody");
    expect(unknown.code).toBe(1);
    expect(unknown.stderr.trim()).toBe('Error: no API key has the id or name "nobody"; see `tern auth list-keys`');
  });
});
