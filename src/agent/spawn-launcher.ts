import { spawn } from "node:child_process";
import { ENGINE_EXEC_ARGV, ENGINE_MAIN, type EngineExit, type EngineHandle, type EngineLauncher, tail } from "./launcher.ts";

/**
 * One new `node --import tsx engine/main.ts <id>` process per flow run: simplest, pays start-up per run.
 * Each engine gets its own process group (a terminal Ctrl-C is the agent's to handle) and an IPC
 * channel only so that it notices when the agent is gone.
 */
export class SpawnLauncher implements EngineLauncher {
  constructor(private readonly options: { showFlowLogs?: boolean } = {}) {}

  async launch(flowRunId: string, env: Record<string, string>): Promise<EngineHandle> {
    const child = spawn(process.execPath, [...ENGINE_EXEC_ARGV, ENGINE_MAIN, flowRunId], {
      env: { ...process.env, ...env },
      stdio: ["ignore", this.options.showFlowLogs ? "inherit" : "ignore", "pipe", "ipc"],
      detached: true,
    });
    const stderr = tail();
    child.stderr?.on("data", (c: Buffer) => {
      stderr.push(c);
      if (this.options.showFlowLogs) process.stderr.write(c);
    });
    const done = new Promise<EngineExit>((resolve) => {
      child.once("exit", (code, signal) => resolve({ code, signal, stderr: stderr.text }));
      child.once("error", (error) => resolve({ code: -1, signal: null, stderr: error.message }));
    });
    await new Promise<void>((resolve, reject) => {
      child.once("spawn", () => resolve());
      child.once("error", reject);
    });
    return {
      pid: child.pid!,
      done,
      stop: (force) => child.kill(force ? "SIGKILL" : "SIGTERM"),
    };
  }

  async close() {}
}
