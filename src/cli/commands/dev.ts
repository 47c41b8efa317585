import { spawn } from "node:child_process";
import { join } from "node:path";
import type { Command } from "commander";
import { dashboardNeedsBuild } from "../dashboard-build.ts";

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
      if (opts.build && dashboardNeedsBuild(ROOT)) {
        console.log("Building the dashboard…");
        await runToEnd(process.execPath, [join(ROOT, "node_modules/vite/bin/vite.js"), "build", "--logLevel", "warn"]);
      }
      const { startServer } = await import("../../server/main.ts"); // loaded on use, as in `tern server start`
      const server = await startServer({ port: opts.port });
      const agent = spawn(process.execPath, [join(ROOT, "bin/tern.mjs"), "agent", "local", "start", "--api", server.graphqlUrl], {
        stdio: "inherit",
        env: { ...process.env, TERN_API: server.graphqlUrl },
      });
      console.log(`\nTern is running. Open the dashboard: ${server.publicUrl}/\n`);
      let stopping = false;
      const stop = async () => {
        if (stopping) return;
        stopping = true;
        console.log("Stopping the agent and the server…");
        const agentExited = new Promise((resolve) => (agent.exitCode !== null ? resolve(null) : agent.once("exit", resolve)));
        agent.kill("SIGTERM");
        await agentExited;
        await server.close();
        process.exit(0);
      };
      process.on("SIGINT", stop);
      process.on("SIGTERM", stop);
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
