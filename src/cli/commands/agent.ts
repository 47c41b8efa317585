import type { Command } from "commander";
import { LocalAgent } from "../../agent/agent.ts";
import type { EngineLauncher } from "../../agent/launcher.ts";
import { SpawnLauncher } from "../../agent/spawn-launcher.ts";
import { TernClient } from "../../client/client.ts";
import { cliFailure } from "../failure.ts";

/** `tern agent local start`: runs flow runs on this machine until Ctrl-C. */
export function registerAgentCommands(program: Command) {
  const agent = program.command("agent").description("Run agents that execute flow runs");
  const local = agent.command("local").description("The local agent: runs each flow run in a process on this machine");
  local
    .command("start")
    .description("Register with the server and run flow runs whose labels match")
    .option("-l, --label <label>", "label to match (repeatable; default: this machine's hostname)", (v: string, all: string[]) => [...all, v], [] as string[])
    .option("-n, --name <name>", "agent name", "agent")
    .option("--max-concurrent <n>", "flow runs at once", (v) => Number.parseInt(v, 10), 4)
    .option("--warm <n>", "engine processes kept started ahead of runs, reused (0: spawn one per run)", (v) => Number.parseInt(v, 10), 2)
    .option("--show-flow-logs", "print what flow runs write to stdout/stderr")
    .option("--api <url>", "GraphQL endpoint (default TERN_API or http://127.0.0.1:4200/graphql)")
    .action(async (opts: { label: string[]; name: string; maxConcurrent: number; warm: number; showFlowLogs?: boolean; api?: string }) => {
      if (!Number.isInteger(opts.maxConcurrent) || opts.maxConcurrent < 1) throw cliFailure("--max-concurrent must be a whole number ≥ 1");
      if (!Number.isInteger(opts.warm) || opts.warm < 0) throw cliFailure("--warm must be a whole number ≥ 0");
      const client = new TernClient({ api: opts.api });
      let launcher: EngineLauncher;
      if (opts.warm > 0) {
        const { WarmPoolLauncher } = await import("../../agent/warm-pool.ts");
        launcher = new WarmPoolLauncher({ size: Math.min(opts.warm, opts.maxConcurrent), showFlowLogs: opts.showFlowLogs });
      } else launcher = new SpawnLauncher({ showFlowLogs: opts.showFlowLogs });
      const runner = new LocalAgent(client, launcher, { name: opts.name, labels: opts.label, maxConcurrent: opts.maxConcurrent });
      try {
        await runner.start();
      } catch (error) {
        await launcher.close();
        throw cliFailure(error);
      }
      await new Promise<void>((resolve) => {
        const stop = () => {
          process.off("SIGINT", stop);
          process.off("SIGTERM", stop);
          void runner.stop().then(resolve);
        };
        process.on("SIGINT", stop);
        process.on("SIGTERM", stop);
      });
      process.exit(0);
    });
}
