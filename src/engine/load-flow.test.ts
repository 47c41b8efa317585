import { execFileSync } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { importedFlowModules, loadedFlowCount, loadFlow, MAX_LOADED_FLOWS, preloadFlows, StorageRefusedError, storagePolicyFromEnv } from "./load-flow.ts";
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

  describe("preloading the flows an agent expects to run", () => {
    const LOCAL_ONLY = { storage: ["local"], gitPrefixes: [] };
    /**
     * A flow file whose top-level code counts its imports, prints (to the streams, as console.log
     * does in an engine: the test runner takes console calls itself) and registers (a no-op in a run).
     */
    const noisyFlow = (name: string, counter: string) => `
import { appendFileSync } from "node:fs";
import { Flow, task } from "tern";
appendFileSync(${JSON.stringify(counter)}, "imported\\n");
process.stdout.write("top-level output of ${name}\\n");
process.stderr.write("top-level warning of ${name}\\n");
export const greet = task(() => "hi", { name: "greet" });
export const flow = new Flow(${JSON.stringify(name)}, () => { greet(); });
await flow.register({ projectName: "nowhere" });
`;
    const imports = (counter: string) => (existsSync(counter) ? readFileSync(counter, "utf8").split("\n").filter(Boolean).length : 0);
    const write = (name: string) => {
      const local = join(dir, "local");
      const file = join(local, `${name}.ts`);
      const counter = join(dir, `${name}.count`);
      writeFileSync(file, noisyFlow(name, counter));
      return { file, counter, storage: { type: "Local" as const, path: file } };
    };

    it("imports a flow's file once: its run finds it loaded and does not import it again", async () => {
      const { counter, storage } = write("preloaded");
      expect(await preloadFlows([{ flowId: "f1", storage, name: "preloaded" }], LOCAL_ONLY)).toEqual(["f1"]);
      expect(imports(counter)).toBe(1);
      const modules = importedFlowModules();
      const flow = await loadFlow(storage, "preloaded", LOCAL_ONLY);
      expect(flow.name).toBe("preloaded");
      expect(imports(counter)).toBe(1);
      expect(importedFlowModules()).toBe(modules);
    });

    it("keeps what the file's top-level code prints out of every stream, and its register() does nothing", async () => {
      const { storage } = write("quiet");
      const written: string[] = [];
      const originals = [process.stdout.write, process.stderr.write];
      const record = ((chunk: unknown) => written.push(String(chunk)) > 0) as typeof process.stdout.write;
      process.stdout.write = record;
      process.stderr.write = record;
      try {
        // The file's register() would have failed the import, with no server to reach.
        expect(await preloadFlows([{ flowId: "f2", storage, name: "quiet" }], LOCAL_ONLY)).toEqual(["f2"]);
        process.stdout.write("after the preload\n");
      } finally {
        [process.stdout.write, process.stderr.write] = originals as [typeof process.stdout.write, typeof process.stderr.write];
      }
      expect(written.join("")).not.toContain("top-level");
      expect(written.join("")).toContain("after the preload");
    });

    it("never imports what the agent would refuse, nor without a policy, nor from Git storage", async () => {
      const refused = write("refused");
      expect(await preloadFlows([{ flowId: "f3", storage: refused.storage, name: "refused" }], { storage: ["git"], gitPrefixes: [dir] })).toEqual([]);
      expect(await preloadFlows([{ flowId: "f3", storage: refused.storage, name: "refused" }], null)).toEqual([]);
      expect(imports(refused.counter)).toBe(0);
      process.env.TERN_HOME = join(dir, "home-preload");
      try {
        const git = { type: "Git" as const, repo: bare, ref: "main", path: "flows/hello.ts", flow_name: "git-hello" };
        expect(await preloadFlows([{ flowId: "f4", storage: git, name: "git-hello" }], { storage: ["local", "git"], gitPrefixes: [dir] })).toEqual([]);
        expect(existsSync(join(dir, "home-preload", "git-cache"))).toBe(false);
      } finally {
        process.env.TERN_HOME = join(dir, "home");
      }
    });

    it("leaves a file that fails to import to its run, and preloads the others", async () => {
      const good = write("good");
      const broken = join(dir, "local", "broken.ts");
      writeFileSync(broken, `throw new Error("broken at import");`);
      const flows = [
        { flowId: "bad", storage: { type: "Local" as const, path: broken }, name: "broken" },
        { flowId: "missing", storage: { type: "Local" as const, path: join(dir, "nope.ts") }, name: "x" },
        { flowId: "good", storage: good.storage, name: "good" },
      ];
      expect(await preloadFlows(flows, LOCAL_ONLY)).toEqual(["good"]);
      await expect(loadFlow(flows[0]!.storage, "broken", LOCAL_ONLY)).rejects.toThrow("broken at import");
    });
  });
});

