import { execFile } from "node:child_process";
import { createServer as createHttpServer } from "node:http";
import { createServer } from "node:net";
import { join } from "node:path";
import { promisify } from "node:util";
import { describe, expect, it } from "vitest";

const run = promisify(execFile);
const TERN = join(import.meta.dirname, "../../../bin/tern.mjs");
/** A port nothing listens on: bind one, then close it, so the CLI meets a real "connection refused". */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  const { port } = server.address() as { port: number };
  await new Promise((r) => server.close(r));
  return port;
}
const PORT = await closedPort();
const UNREACHABLE = `http://127.0.0.1:${PORT}/graphql`;

/** Runs the real `tern` binary; resolves with its exit code and output instead of throwing. */
async function tern(...args: string[]) {
  try {
    const { stdout, stderr } = await run(process.execPath, [TERN, ...args], { env: { ...process.env, TERN_API: UNREACHABLE } });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const e = error as { code: number; stdout: string; stderr: string };
    return { code: e.code, stdout: e.stdout, stderr: e.stderr };
  }
}

describe("tern CLI exit codes", () => {
  it("prints help for each command and exits 0", async () => {
    for (const args of [["create", "project", "--help"], ["register", "--help"], ["agent", "local", "start", "--help"], ["run", "flow", "--help"]]) {
      const result = await tern(...args);
      expect(result.code).toBe(0);
      expect(result.stdout).toMatch(/^Usage: tern /);
    }
  });

  it("says the server cannot be reached, in one line, exit 1", async () => {
    const result = await tern("create", "project", "tutorial", "--api", UNREACHABLE);
    expect(result.code).toBe(1);
    expect(result.stderr.trim().split("\n")).toHaveLength(1);
    expect(result.stderr).toContain(`Error: cannot reach the Tern server at ${UNREACHABLE} (is \`tern server start\` running?): ECONNREFUSED`);
  });

  it("create project: an existing name is known by its code, whatever the message says", async () => {
    const server = createHttpServer((_req, res) => {
      res.writeHead(200, { "content-type": "application/json" });
      res.end(JSON.stringify({ errors: [{ message: "That name is taken.", extensions: { code: "UNIQUENESS_VIOLATION" } }] }));
    });
    await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
    try {
      const { port } = server.address() as { port: number };
      const result = await tern("create", "project", "tutorial", "--api", `http://127.0.0.1:${port}/graphql`);
      expect([result.code, result.stdout.trim()]).toEqual([0, "tutorial already exists"]);
    } finally {
      await new Promise((r) => server.close(r));
    }
  });

  it("rejects a malformed --param before contacting the server", async () => {
    const result = await tern("run", "flow", "--name", "hello-flow", "--project", "tutorial", "--param", "novalue");
    expect(result.code).toBe(1);
    expect(result.stderr.trim()).toBe('Error: --param expects key=value, got "novalue"');
  });

  it("refuses an agent's invalid storage settings in one line before contacting the server", async () => {
    for (const args of [["--allow-storage", "s3"], ["--allow-storage", "local,git"], ["--git-prefix", "https://example.invalid/org/"]]) {
      const result = await tern("agent", "local", "start", ...args);
      expect(result.code).toBe(1);
      expect(result.stderr.trim().split("\n")).toHaveLength(1);
      expect(result.stderr).toMatch(/^Error: --(allow-storage|git-prefix) /);
    }
  });

  it("fails on a missing required option", async () => {
    const result = await tern("run", "flow", "--name", "hello-flow");
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/required option '--project <name>' not specified/);
  });

  it("fails on a flow file that does not exist", async () => {
    const result = await tern("register", "no/such/file.ts", "--project", "tutorial");
    expect(result.code).toBe(1);
    expect(result.stderr.trim()).toBe("Error: no such file: no/such/file.ts");
  });

  it("rejects a bad --max-concurrent for the agent", async () => {
    const result = await tern("agent", "local", "start", "--max-concurrent", "0");
    expect(result.code).toBe(1);
    expect(result.stderr.trim()).toBe("Error: --max-concurrent must be a whole number ≥ 1");
  });
});
