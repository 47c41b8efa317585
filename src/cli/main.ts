import { Command } from "commander";
import { CliError } from "./errors.ts";

type Register = (program: Command) => void;

/**
 * Each command family registers itself from its own module, loaded only when that family is asked
 * for: `tern agent local start` (a long-lived process) then never loads the server's or the other
 * commands' code, nor the GraphQL documents they use: the bundle puts each family in its own chunk,
 * so the agent reads ~80 KB of it instead of the 478 KB entry that held every command and document.
 */
const FAMILIES: Record<string, () => Promise<Register>> = {
  server: async () => (await import("./commands/server.ts")).registerServerCommands,
  dev: async () => (await import("./commands/dev.ts")).registerDevCommand,
  init: async () => (await import("./commands/init.ts")).registerInitCommand,
  auth: async () => (await import("./commands/auth.ts")).registerAuthCommands,
  create: async () => (await import("./commands/create.ts")).registerCreateCommands,
  register: async () => (await import("./commands/register.ts")).registerRegisterCommand,
  agent: async () => (await import("./commands/agent.ts")).registerAgentCommands,
  run: async () => (await import("./commands/run.ts")).registerRunCommands,
  notify: async () => (await import("./commands/notify.ts")).registerNotifyCommands,
};

/** The family the arguments name, or all of them (help, version, a typo: commander lists every command). */
function familiesFor(args: string[]): Array<() => Promise<Register>> {
  const name = args[0] ?? "";
  return Object.hasOwn(FAMILIES, name) ? [FAMILIES[name]] : Object.values(FAMILIES);
}

/** The `tern` command. */
const program = new Command()
  .name("tern")
  .description("Tern: a self-hosted workflow orchestrator. Server, agent, and flow registration.")
  .version("0.1.0")
  .showHelpAfterError();

for (const register of await Promise.all(familiesFor(process.argv.slice(2)).map((load) => load()))) register(program);

try {
  await program.parseAsync(process.argv);
} catch (error) {
  // Expected failures print one clear line; anything else is a bug, so keep its stack for the report.
  if (error instanceof CliError) {
    console.error(`Error: ${error.message}`);
  } else {
    console.error(`Error: ${error instanceof Error ? error.message : String(error)}`);
    if (process.env.TERN_DEBUG) console.error(error);
  }
  process.exit(1);
}
