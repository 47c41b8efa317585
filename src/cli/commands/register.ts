import { existsSync } from "node:fs";
import { resolve } from "node:path";
import { pathToFileURL } from "node:url";
import type { Command } from "commander";
import { TernApiError, TernConnectionError } from "../../client/errors.ts";
import { RegisterError } from "../../sdk/errors.ts";
import type { Flow } from "../../sdk/flow.ts";
import { setRegisterRedirect, type RegisterRedirect } from "../../sdk/register.ts";
import { definedFlows } from "../../sdk/registry.ts";
import { cliFailure } from "../failure.ts";

/**
 * `tern register FILE --project NAME [--label L]…`: imports the file with its own `register()` calls
 * redirected to that project, then registers every other Flow the file defined.
 */
export function registerRegisterCommand(program: Command) {
  program
    .command("register <file>")
    .description("Register the flows a file defines into a project")
    .requiredOption("-p, --project <name>", "project to register into")
    .option("-l, --label <label>", "agent label (repeatable; default: this machine's hostname)", (v: string, all: string[]) => [...all, v], [] as string[])
    .option("--api <url>", "GraphQL endpoint (default TERN_API or http://127.0.0.1:4200/graphql)")
    .action(async (file: string, opts: { project: string; label: string[]; api?: string }) => {
      const path = resolve(file);
      if (!existsSync(path)) throw cliFailure(`no such file: ${file}`);
      const redirect: RegisterRedirect = {
        projectName: opts.project,
        labels: opts.label.length ? opts.label : undefined,
        api: opts.api,
        registered: new Map(),
      };
      setRegisterRedirect(redirect);
      const before = new Set(definedFlows());
      try {
        await import(pathToFileURL(path).href);
      } catch (error) {
        // A failed `await flow.register()` inside the file is a registration error, not a load error.
        const fromRegister = error instanceof RegisterError || error instanceof TernApiError || error instanceof TernConnectionError;
        throw cliFailure(fromRegister ? error : `could not load ${file}: ${error instanceof Error ? error.message : String(error)}`);
      }
      const fromFile = definedFlows().filter((f) => !before.has(f));
      if (!fromFile.length) throw cliFailure(`${file} defines no Flow`);
      for (const flow of fromFile) if (!redirect.registered.has(flow)) flow.register({ projectName: opts.project });
      try {
        await Promise.all([...redirect.registered.values()]);
      } catch (error) {
        throw cliFailure(error);
      } finally {
        setRegisterRedirect(undefined);
      }
      const names = fromFile.map((f: Flow) => f.name).join(", ");
      if (fromFile.length > 1) console.log(`Registered ${fromFile.length} flows: ${names}`);
    });
}
