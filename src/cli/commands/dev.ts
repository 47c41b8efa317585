import { spawn } from "node:child_process";
import { join } from "node:path";
import type { Command } from "commander";
import { canBuildDashboard, dashboardBuilder, dashboardNeedsBuild } from "../dashboard-build.ts";

const ROOT = join(import.meta.dirname, "../../..");

/**
 * `npm start`: everything a newcomer needs in one process tree: builds the dashboard if it is
 * missing or older than its sources, starts the server on the embedded SQLite database and a local
 * agent beside it, and stops both on Ctrl-C.
 */
export function registerDevCommand(program: Command) {
  program
    .command("dev")
    .description("Start the server (embedded SQLite) and a local agent together; builds the dashboard first if needed")
    .option("--port <port>", "port (default 4200)", (v) => Number.parseInt(v, 10))
    .option("--no-build", "serve the dashboard as built, even if its sources are newer")
    .action(async (opts: { port?: number; build: boolean }) => {
      if (opts.build && canBuildDashboard(ROOT) && dashboardNeedsBuild(ROOT)) {
        console.log("Building the dashboard…");
        await runToEnd(process.execPath, [dashboardBuilder(ROOT), "build", "--logLevel", "warn"]);
      }
      const { startServer } = await import("../../server/main.ts"); // loaded on use, as in `tern server start`
      const server = await startServer({ port: opts.port });
      // The agent gets its own process group, so a terminal's Ctrl-C reaches only this process, which
      // passes each one on. In the terminal's group the agent would get the terminal's SIGINT and then
      // ours, and count two: the second means "stop running flow runs now", skipping their grace.
      const agent = spawn(process.execPath, [join(ROOT, "bin/tern.mjs"), "agent", "local", "start", "--api", server.graphqlUrl], {
        // No terminal input: a process outside the terminal's foreground group must not read it.
        stdio: ["ignore", "inherit", "inherit"],
        detached: true,
        env: { ...process.env, TERN_API: server.graphqlUrl },
      });
      console.log(`\nTern is running. Open the dashboard: ${server.publicUrl}/\n`);
      let stopping = false;
      const onSignal = async (signal: NodeJS.Signals) => {
        // Every signal goes to the agent: its first starts the runs' grace, a second ends it.
        if (agent.exitCode === null && agent.signalCode === null) agent.kill(signal === "SIGINT" ? "SIGINT" : "SIGTERM");
        if (stopping) return;
        stopping = true;
        console.log("Stopping the agent and the server…");
        await new Promise((resolve) => (agent.exitCode !== null || agent.signalCode !== null ? resolve(null) : agent.once("exit", resolve)));
        await server.close();
        process.exit(0);
      };
      for (const signal of ["SIGINT", "SIGTERM", "SIGHUP"] as const) process.on(signal, onSignal);
      // Outside the terminal's group the agent would outlive an unexpected exit of this process.
      process.once("exit", () => agent.kill("SIGTERM"));
      agent.once("exit", (code) => {
        if (!stopping) console.error(`The agent exited (code ${code}); the server keeps running. Ctrl-C to stop.`);
      });
    });
}

function runToEnd(command: string, args: string[]): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { cwd: ROOT, stdio: "inherit" });
    child.once("exit", (code) => (code === 0 ? resolve() : reject(new Error(`${command} ${args.join(" ")} exited with ${code}`))));
  });
}
