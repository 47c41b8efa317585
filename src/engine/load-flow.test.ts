import { execFileSync } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { importedFlowModules, loadedFlowCount, loadFlow, MAX_LOADED_FLOWS, StorageRefusedError, storagePolicyFromEnv } from "./load-flow.ts";
import { runFlow } from "../sdk/runner.ts";

const PACKAGE_ROOT = resolve(import.meta.dirname, "../..");

const flowSource = (greeting: string) => `
import { Flow, task } from "tern";
export const greet = task(() => "${greeting}", { name: "greet" });
export const flow = new Flow("git-hello", () => { greet(); });
`;

describe("loading flows from storage", () => {
  let dir: string;
  let bare: string;
  let work: string;
  const git = (cwd: string, ...args: string[]) => execFileSync("git", ["-c", "user.name=t", "-c", "user.email=t@example.com", ...args], { cwd, stdio: "pipe" });

  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), "tern-git-"));
    process.env.TERN_HOME = join(dir, "home");
    bare = join(dir, "flows.git");
    work = join(dir, "work");
    mkdirSync(work);
    git(dir, "init", "-q", "--bare", bare);
    git(work, "init", "-q", "-b", "main");
    mkdirSync(join(work, "flows"));
    writeFileSync(join(work, "flows/hello.ts"), flowSource("v1"));
    git(work, "add", ".");
    git(work, "commit", "-q", "-m", "v1");
    git(work, "remote", "add", "origin", bare);
    git(work, "push", "-q", "origin", "main");
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it("clones a Git storage into $TERN_HOME/git-cache, imports the flow, and fetches new commits", async () => {
    const storage = { type: "Git" as const, repo: bare, ref: "main", path: "flows/hello.ts", flow_name: "git-hello" };
    const first = await loadFlow(storage, "git-hello");
    expect(first.sourceFile?.startsWith(join(dir, "home", "git-cache"))).toBe(true);
    const reporter = { setTaskState: async () => {}, log: () => {} };
    expect((await runFlow(first, { parameters: {}, reporter })).tasks["greet-1"].result).toBe("v1");

    writeFileSync(join(work, "flows/hello.ts"), flowSource("v2"));
    git(work, "commit", "-q", "-am", "v2");
    git(work, "push", "-q", "origin", "main");
    const second = await loadFlow(storage, "git-hello");
    expect(second).not.toBe(first);
    expect((await runFlow(second, { parameters: {}, reporter })).tasks["greet-1"].result).toBe("v2");
  });

  it("imports a Local storage file and finds the flow by name", async () => {
    const local = join(dir, "local");
    mkdirSync(join(local, "node_modules"), { recursive: true });
    symlinkSync(PACKAGE_ROOT, join(local, "node_modules", "tern"));
    writeFileSync(join(local, "flow.ts"), flowSource("local"));
    const flow = await loadFlow({ type: "Local", path: join(local, "flow.ts") }, "git-hello");
    expect(flow.name).toBe("git-hello");
    expect(flow.sourceFile).toBe(join(local, "flow.ts"));
  });

  it("holds at most its cap of loaded flows, reuses a held one without importing it again, and counts every module it imported", async () => {
    const local = join(dir, "local");
    const modulesBefore = importedFlowModules();
    for (let n = 0; n <= MAX_LOADED_FLOWS; n++) {
      writeFileSync(join(local, `many-${n}.ts`), flowSource(`many ${n}`));
      await loadFlow({ type: "Local", path: join(local, `many-${n}.ts`) }, "git-hello");
    }
    expect(loadedFlowCount()).toBe(MAX_LOADED_FLOWS);
    expect(importedFlowModules()).toBe(modulesBefore + MAX_LOADED_FLOWS + 1);
    // A flow still held is reused: no new import.
    await loadFlow({ type: "Local", path: join(local, `many-${MAX_LOADED_FLOWS}.ts`) }, "git-hello");
    expect(importedFlowModules()).toBe(modulesBefore + MAX_LOADED_FLOWS + 1);
  });

  it("says which file is missing", async () => {
    await expect(loadFlow({ type: "Local", path: join(dir, "nope.ts") }, "x")).rejects.toThrow(`Flow file not found: ${join(dir, "nope.ts")}`);
  });

  it("says when the file defines no flow of that name", async () => {
    const file = join(dir, "local", "flow.ts");
    await expect(loadFlow({ type: "Local", path: file }, "other-name")).rejects.toThrow(`The file ${file} does not define a flow named "other-name"`);
  });

  it("refuses, before cloning anything, Git storage the agent does not allow or a repository outside its prefixes", async () => {
    const storage = { type: "Git" as const, repo: bare, ref: "main", path: "flows/hello.ts", flow_name: "git-hello" };
    process.env.TERN_HOME = join(dir, "home-refused");
    try {
      await expect(loadFlow(storage, "git-hello", { storage: ["local"], gitPrefixes: [] })).rejects.toBeInstanceOf(StorageRefusedError);
      await expect(loadFlow(storage, "git-hello", { storage: ["local", "git"], gitPrefixes: ["https://example.invalid/org/"] })).rejects.toBeInstanceOf(StorageRefusedError);
      expect(existsSync(join(dir, "home-refused", "git-cache"))).toBe(false);
      expect((await loadFlow(storage, "git-hello", { storage: ["local", "git"], gitPrefixes: [dir] })).name).toBe("git-hello");
    } finally {
      process.env.TERN_HOME = join(dir, "home");
    }
  });

  it("reads the agent's storage policy from the engine's environment; none said: any storage", () => {
    expect(storagePolicyFromEnv({})).toBeNull();
    expect(storagePolicyFromEnv({ TERN_ALLOW_STORAGE: "local,git", TERN_GIT_PREFIXES: '["https://example.invalid/org/"]' })).toEqual({
      storage: ["local", "git"],
      gitPrefixes: ["https://example.invalid/org/"],
    });
    expect(storagePolicyFromEnv({ TERN_ALLOW_STORAGE: "local", TERN_GIT_PREFIXES: "not json" })).toEqual({ storage: ["local"], gitPrefixes: [] });
  });
});
