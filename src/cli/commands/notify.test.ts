import { execFile } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type RunningServer, startServer } from "../../server/main.ts";
import { createFlow } from "../../server/services/flows.ts";
import { createProject } from "../../server/services/projects.ts";

const run = promisify(execFile);
const TERN = join(import.meta.dirname, "../../../bin/tern.mjs");

describe("tern notify add/list/remove", () => {
  let server: RunningServer;
  let dir: string;
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), "tern-notify-"));
    server = await startServer({ databaseUrl: join(dir, "tern.db"), port: 0, host: "127.0.0.1" });
    const alerts = await createProject(server.deps, { name: "alerts" });
    await createFlow(server.deps, { project_id: alerts, serialized_flow: { name: "nightly", tasks: [{ slug: "load-1" }] } });
    // A flow of that name in another project: --flow looks only inside the rule's project.
    const other = await createProject(server.deps, { name: "elsewhere" });
    await createFlow(server.deps, { project_id: other, serialized_flow: { name: "weekly", tasks: [{ slug: "load-1" }] } });
  });
  afterAll(async () => {
    await server?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  async function tern(...args: string[]) {
    try {
      const { stdout, stderr } = await run(process.execPath, [TERN, "notify", ...args, "--api", server.graphqlUrl]);
      return { code: 0, stdout, stderr };
    } catch (error) {
      const e = error as { code: number; stdout: string; stderr: string };
      return { code: e.code, stdout: e.stdout, stderr: e.stderr };
    }
  }

  it("adds a rule, lists it and removes it", async () => {
    const added = await tern("add", "--project", "alerts", "--on", "Failed,TimedOut", "--webhook", "https://hooks.example.com/t");
    expect(added.code).toBe(0);
    const id = added.stdout.trim();
    expect(id).toMatch(/^[0-9a-f-]{36}$/);
    const listed = await tern("list");
    expect(listed.stdout.trim().split("\n")).toEqual([[id, "alerts", "Failed,TimedOut", "https://hooks.example.com/t"].join("\t")]);
    expect((await tern("remove", id)).code).toBe(0);
    expect((await tern("list")).stdout.trim()).toBe("No notification rules.");
  });

  it("--flow scopes the rule to one flow of the project, by name", async () => {
    const added = await tern("add", "--project", "alerts", "--flow", "nightly", "--webhook", "https://hooks.example.com/n");
    expect(added.code, added.stderr).toBe(0);
    const id = added.stdout.trim();
    const rules = await server.deps.db.selectFrom("notification_rule").select(["id", "flow_group_id"]).execute();
    const nightly = await server.deps.db.selectFrom("flow").select("flow_group_id").where("name", "=", "nightly").executeTakeFirstOrThrow();
    expect(rules).toEqual([{ id, flow_group_id: nightly.flow_group_id }]);
    expect((await tern("list")).stdout.trim()).toBe([id, "alerts/nightly", "Failed", "https://hooks.example.com/n"].join("\t"));
    await tern("remove", id);
  });

  it("--flow naming no flow of the project: one line, exit code 1, no rule", async () => {
    for (const flow of ["nowhere", "weekly"]) {
      const result = await tern("add", "--project", "alerts", "--flow", flow, "--webhook", "https://hooks.example.com/n");
      expect(result.code).toBe(1);
      expect(result.stderr.trim()).toBe(`Error: no flow named "${flow}" in project "alerts"`);
    }
    expect((await tern("list")).stdout.trim()).toBe("No notification rules.");
  });

  it("defaults to Failed", async () => {
    const added = await tern("add", "--project", "alerts", "--webhook", "http://127.0.0.1:9/");
    expect((await tern("list")).stdout).toContain(`${added.stdout.trim()}\talerts\tFailed\t`);
    await tern("remove", added.stdout.trim());
  });

  it("refuses bad input with one line and exit code 1", async () => {
    for (const args of [
      ["add", "--project", "nowhere", "--webhook", "https://hooks.example.com/"],
      ["add", "--project", "alerts", "--on", "Failed,Exploded", "--webhook", "https://hooks.example.com/"],
      ["add", "--project", "alerts", "--webhook", "ftp://hooks.example.com/"],
      ["remove", "00000000-0000-4000-8000-000000000000"],
    ]) {
      const result = await tern(...args);
      expect(result.code, args.join(" ")).toBe(1);
      expect(result.stderr.trim().split("\n"), args.join(" ")).toHaveLength(1);
      expect(result.stderr).toMatch(/^Error: /);
    }
    expect((await tern("list")).stdout.trim()).toBe("No notification rules.");
  });
});
