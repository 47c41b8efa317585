import { spawnSync } from "node:child_process";
import { describe, expect, it } from "vitest";
import { ENGINE_ADDED_ENV, ENGINE_EXEC_ARGV, engineProcessEnv, LOADER_THREAD_HEAP, TSX_LOADER } from "./launcher.ts";

/** Runs `script` (CommonJS) in a process started as the agent starts engines, with `env`; returns its output lines. */
function inEngineProcess(script: string, env: NodeJS.ProcessEnv): string[] {
  const result = spawnSync(process.execPath, [...ENGINE_EXEC_ARGV, "-e", script], { env, encoding: "utf8" });
  expect(result.stderr).toBe("");
  return result.stdout.trim().split("\n");
}

describe("engineProcessEnv", () => {
  it("adds one malloc arena for the engine process, and says which names it added", () => {
    const env = engineProcessEnv({ PATH: "/bin" });
    expect(env).toEqual({ PATH: "/bin", MALLOC_ARENA_MAX: "1", [ENGINE_ADDED_ENV]: "MALLOC_ARENA_MAX" });
  });

  it("leaves the user's own setting alone and then adds nothing", () => {
    const given = { MALLOC_ARENA_MAX: "4" };
    expect(engineProcessEnv(given)).toEqual({ MALLOC_ARENA_MAX: "4" });
    expect(given).toEqual({ MALLOC_ARENA_MAX: "4" });
  });
});

describe("an engine process", () => {
  it("keeps what the launcher added for the process itself out of the environment its code sees", () => {
    const script = `const own = require("node:fs").readFileSync("/proc/self/environ", "utf8").split("\\0");
      console.log(own.includes("MALLOC_ARENA_MAX=1"), process.env.MALLOC_ARENA_MAX ?? "unset", process.env.${ENGINE_ADDED_ENV} ?? "unset");`;
    const withoutOwn = { ...process.env };
    delete withoutOwn.MALLOC_ARENA_MAX;
    // glibc read the setting at start; the code running in the engine does not see it.
    expect(inEngineProcess(script, engineProcessEnv(withoutOwn))).toEqual(["true unset unset"]);
    // A setting of the user's own stays visible, as it was before the engine started.
    expect(inEngineProcess(script, engineProcessEnv({ ...withoutOwn, MALLOC_ARENA_MAX: "2" }))).toEqual(["false 2 unset"]);
  });

  it("gives a worker thread its flow starts the default young generation: the small one is for tsx's loader thread only", () => {
    // The loader thread's setting is made before tsx registers (and so starts) that thread.
    expect(ENGINE_EXEC_ARGV.indexOf(LOADER_THREAD_HEAP)).toBeLessThan(ENGINE_EXEC_ARGV.indexOf(TSX_LOADER));
    // The young generation's largest size in a worker thread that keeps what it allocates (so it grows).
    const grown = `const v8 = require("node:v8"); const keep = []; let most = 0;
      for (let i = 0; i < 400000; i++) { keep.push({ i }); if (i % 20000 === 0) most = Math.max(most, v8.getHeapSpaceStatistics().find((s) => s.space_name === "new_space").space_size); }
      require("node:worker_threads").parentPort.postMessage(most);`;
    const script = `const w = new (require("node:worker_threads").Worker)(${JSON.stringify(grown)}, { eval: true });
      w.once("message", (most) => { console.log(most); w.terminate(); });`;
    const plain = spawnSync(process.execPath, ["-e", script], { encoding: "utf8" }).stdout.trim();
    expect(Number(plain)).toBeGreaterThan(2 * 2 ** 20);
    expect(inEngineProcess(script, process.env)).toEqual([plain]);
  });
});
