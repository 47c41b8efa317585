import { Command } from "commander";
import { registerAgentCommands } from "./commands/agent.ts";
import { registerAuthCommands } from "./commands/auth.ts";
import { registerCreateCommands } from "./commands/create.ts";
import { registerDevCommand } from "./commands/dev.ts";
import { registerInitCommand } from "./commands/init.ts";
import { registerNotifyCommands } from "./commands/notify.ts";
import { registerRegisterCommand } from "./commands/register.ts";
import { registerRunCommands } from "./commands/run.ts";
import { registerServerCommands } from "./commands/server.ts";
import { CliError } from "./errors.ts";

/** The `tern` command. Each command family registers itself from its own module. */
const program = new Command()
  .name("tern")
  .description("Tern: a self-hosted workflow orchestrator. Server, agent, and flow registration.")
  .version("0.1.0")
  .showHelpAfterError();

registerServerCommands(program);
registerDevCommand(program);
registerInitCommand(program);
registerAuthCommands(program);
registerCreateCommands(program);
registerRegisterCommand(program);
registerAgentCommands(program);
registerRunCommands(program);
registerNotifyCommands(program);

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
