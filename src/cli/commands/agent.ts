import type { Command } from "commander";
import { LocalAgent } from "../../agent/agent.ts";
import type { EngineLauncher } from "../../agent/launcher.ts";
import { SpawnLauncher } from "../../agent/spawn-launcher.ts";
import { TernClient } from "../../client/client.ts";
import { TERN_STORAGE_KINDS, type TernStorageKind } from "../../core/flow-runtime.ts";
import { cliFailure } from "../failure.ts";

/** What Ctrl-C and a lost server do, shown under `tern agent local start --help`. */
const AGENT_HELP = `
Where flow code comes from:
  The agent loads flow code only from the storage kinds it allows: --allow-storage local (the
  default: files on this machine). Git storage clones and runs code from a repository, so it must be
  allowed (--allow-storage local,git) and limited to repositories under a --git-prefix, e.g.
  --git-prefix https://github.com/acme/. Runs of other flows are not claimed: they wait for an agent
  that allows them (the run page says so). Flows registered by the Prefect 1 Python client are left
  to a Prefect 1 Python agent.

Server restarts:
  If the server stops answering, the agent keeps running, says so once, retries with a growing pause
  (up to 15s) and picks up work again as soon as the server is back.

Stopping (Ctrl-C or SIGTERM):
  The agent stops claiming runs at once and lets the flow runs it is executing finish, for up to
  --grace seconds. Runs still going after that are stopped and marked Failed ("Agent stopped before
  the run finished"), so none is left Running. A second Ctrl-C stops them at once. Either way the
  agent exits only after every flow-run process it started, busy or idle, has exited.
  Flow-run processes run in their own process group: Ctrl-C in this terminal reaches the agent only.`;

interface AgentStartOptions {
  label: string[];
  name: string;
  maxConcurrent: number;
  warm: number;
  grace: number;
  showFlowLogs?: boolean;
  api?: string;
  allowStorage: string;
  gitPrefix: string[];
}

/** `--allow-storage local,git` → the kinds, or a one-line error naming the unknown one. */
function storageKinds(value: string): TernStorageKind[] {
  const kinds = [...new Set(value.split(",").map((k) => k.trim().toLowerCase()).filter(Boolean))];
  const unknown = kinds.filter((k) => !(TERN_STORAGE_KINDS as readonly string[]).includes(k));
  if (unknown.length || kinds.length === 0) throw cliFailure(`--allow-storage takes ${TERN_STORAGE_KINDS.join(", ")} (comma-separated), got "${value}"`);
  return kinds as TernStorageKind[];
}

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
    .option("--grace <seconds>", "on Ctrl-C, how long running flow runs may take to finish before they are stopped", Number, 10)
    .option("--allow-storage <kinds>", `storage kinds to load flow code from, comma-separated: ${TERN_STORAGE_KINDS.join(", ")}`, "local")
    .option("--git-prefix <url>", "with --allow-storage git: a repository URL prefix to clone from (repeatable)", (v: string, all: string[]) => [...all, v], [] as string[])
    .option("--api <url>", "GraphQL endpoint (default TERN_API or http://127.0.0.1:4200/graphql)")
    .addHelpText("after", AGENT_HELP)
    .action(async (opts: AgentStartOptions) => {
      if (!Number.isInteger(opts.maxConcurrent) || opts.maxConcurrent < 1) throw cliFailure("--max-concurrent must be a whole number ≥ 1");
      if (!Number.isInteger(opts.warm) || opts.warm < 0) throw cliFailure("--warm must be a whole number ≥ 0");
      if (!Number.isFinite(opts.grace) || opts.grace < 0) throw cliFailure("--grace must be a number of seconds ≥ 0");
      const allowStorage = storageKinds(opts.allowStorage);
      if (allowStorage.includes("git") && opts.gitPrefix.length === 0) throw cliFailure("--allow-storage git needs at least one --git-prefix (the repositories this agent may run code from)");
      if (!allowStorage.includes("git") && opts.gitPrefix.length > 0) throw cliFailure("--git-prefix needs --allow-storage git");
      const client = new TernClient({ api: opts.api });
      let launcher: EngineLauncher;
      if (opts.warm > 0) {
        const { WarmPoolLauncher } = await import("../../agent/warm-pool.ts");
        launcher = new WarmPoolLauncher({ size: Math.min(opts.warm, opts.maxConcurrent), showFlowLogs: opts.showFlowLogs, api: client.url });
      } else launcher = new SpawnLauncher({ showFlowLogs: opts.showFlowLogs });
      const runner = new LocalAgent(client, launcher, {
        name: opts.name,
        labels: opts.label,
        maxConcurrent: opts.maxConcurrent,
        allowStorage,
        gitPrefixes: opts.gitPrefix,
      });
      try {
        await runner.start();
      } catch (error) {
        await launcher.close();
        throw cliFailure(error);
      }
      await new Promise<void>((resolve) => {
        let signals = 0;
        const onSignal = () => {
          signals++;
          if (signals === 1) {
            console.log(`Stopping: no new runs; running flow runs get up to ${opts.grace}s to finish (Ctrl-C again to stop them now)`);
            void runner.stop(opts.grace * 1000).then(resolve);
          } else if (signals === 2) {
            console.log("Stopping running flow runs now");
            void runner.forceStop();
          }
        };
        process.on("SIGINT", onSignal);
        process.on("SIGTERM", onSignal);
      });
      process.exit(0);
    });
}
