import { execFile } from "node:child_process";
import { mkdtempSync, realpathSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { freePort, startTern } from "../testing/processes.ts";
import { startTestStack, type TestStack } from "../testing/stack.ts";

const run = promisify(execFile);
const TERN_ROOT = realpathSync(join(import.meta.dirname, "../.."));

/**
 * The path of a user who keeps flows in a folder of their own, outside Tern's checkout: `tern init`,
 * `npm install`, `tsc --noEmit`, `npx tern register`, `npx tsx flow.ts`, and an agent running the
 * flow from that folder. Tern is installed from this checkout as a folder (what `npm install
 * <path to tern>` does), and so are the TypeScript, tsx and Node types the project asks for, from
 * the checkout's own node_modules: nothing comes from the network.
 */
describe("a flows project of the user's own", { timeout: 120_000 }, () => {
  let stack: TestStack;
  let home: string;
  let project: string;
  /** Runs a command in the user's project; resolves with its exit code and output, never throws. */
  const inProject = async (command: string[], env: Record<string, string> = {}) => {
    try {
      const { stdout, stderr } = await run(command[0], command.slice(1), { cwd: project, env: { ...process.env, TERN_API: stack.server.graphqlUrl, ...env } });
      return { code: 0, stdout, stderr };
    } catch (error) {
      const e = error as { code: number; stdout: string; stderr: string };
      return { code: e.code, stdout: e.stdout, stderr: e.stderr };
    }
  };

  beforeAll(async () => {
    stack = await startTestStack();
    home = realpathSync(mkdtempSync(join(tmpdir(), "tern-user-")));
    project = join(home, "flows");
    await run(process.execPath, [join(TERN_ROOT, "bin/tern.mjs"), "init", "flows", "--project", "tutorial"], { cwd: home });
    const fromCheckout = ["typescript", "tsx", "@types/node"].map((name) => join(TERN_ROOT, "node_modules", name));
    const installed = await inProject(["npm", "install", "--offline", "--no-save", "--no-audit", "--no-fund", TERN_ROOT, ...fromCheckout]);
    expect(installed.code, installed.stderr).toBe(0);
  }, 120_000);
  afterAll(async () => {
    await stack?.close();
    if (home) rmSync(home, { recursive: true, force: true });
  });

  it("type-checks against Tern's declarations, which carry real types", async () => {
    const clean = await inProject(["npx", "tsc", "--noEmit"]);
    expect(clean.stdout + clean.stderr).toBe("");
    expect(clean.code).toBe(0);

    writeFileSync(join(project, "typo.ts"), 'import { Flow, task } from "tern";\nconst add = task((a: number, b: number) => a + b);\nnew Flow("typo", () => add("one", 2));\n');
    try {
      const typo = await inProject(["npx", "tsc", "--noEmit"]);
      expect(typo.code).not.toBe(0);
      expect(typo.stdout).toMatch(/^typo\.ts\(3,28\): error TS2345: Argument of type 'string' is not assignable/);
    } finally {
      rmSync(join(project, "typo.ts"));
    }
  });

  it("registers with `npx tern register` and `npx tsx flow.ts`, and an agent runs it to Success", async () => {
    const label = `user-project-${process.pid}`;
    expect((await inProject(["npx", "tern", "create", "project", "mine"])).code).toBe(0);
    const registered = await inProject(["npx", "tern", "register", "flow.ts", "--project", "mine", "--label", label]);
    expect(registered.stderr).toBe("");
    expect(registered.stdout).toContain(" └── Project: mine");
    const flowId = registered.stdout.match(/└── ID: (\S+)/)![1];

    // The flow file's own `register()` call: into the project `tern init --project` named.
    const script = await inProject(["npx", "tsx", "flow.ts"]);
    expect(script.stderr).toBe("");
    expect(script.stdout).toContain(" └── Project: tutorial");

    const agent = startTern(["agent", "local", "start", "--api", stack.server.graphqlUrl, "--label", label]);
    try {
      await agent.waitForLine(/registered/);
      const runId = await stack.createRun(flowId, { who: "user" });
      expect(await stack.waitForFinish(runId, 60_000)).toMatchObject({ state: "Success" });
    } finally {
      process.kill(-agent.pid, "SIGINT");
      await agent.exited;
    }
  });

  it("fails in one clear line with exit code 1", async () => {
    const elsewhere = 'import { Flow, task } from "tern";\nconst noop = task(() => {}, { name: "noop" });\nawait new Flow("elsewhere", () => noop()).register({ projectName: "no-such-project" });\n';
    writeFileSync(join(project, "elsewhere.ts"), elsewhere);
    const missing = await inProject(["npx", "tsx", "elsewhere.ts"]);
    expect([missing.code, missing.stderr.trim().split("\n")]).toEqual([1, ['Error: Project "no-such-project" not found. Create it with: tern create project "no-such-project"']]);

    const nowhere = `http://127.0.0.1:${await freePort()}/graphql`;
    const down = await inProject(["npx", "tsx", "flow.ts"], { TERN_API: nowhere });
    expect([down.code, down.stderr.trim().split("\n")]).toEqual([1, [`Error: cannot reach the Tern server at ${nowhere} (is \`tern server start\` running?): ECONNREFUSED`]]);

    writeFileSync(join(project, "broken.ts"), 'import { Flow } from "tern";\nnew Flow("broken", () => { throw new Error("no such table"); });\n');
    const broken = await inProject(["npx", "tern", "register", "broken.ts", "--project", "mine"]);
    expect([broken.code, broken.stderr.trim().split("\n")]).toEqual([1, ["Error: could not load broken.ts: no such table"]]);
  });
});
