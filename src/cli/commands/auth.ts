import type { Command } from "commander";
import type { OpenedDatabase } from "../../server/db/database.ts";
import { CliError } from "../errors.ts";

const DATABASE_OPTION = ["--database-url <url>", "the server's database (default $TERN_HOME/tern.db, or DATABASE_URL)"] as const;

/**
 * Opens the server's database for one key operation and closes it after. Loaded on use: every other
 * `tern` command (the agent above all) stays free of server code.
 */
async function withKeyDatabase<T>(databaseUrl: string | undefined, use: (opened: OpenedDatabase) => Promise<T>): Promise<T> {
  const [{ defaultServerConfig }, { openDatabase }] = await Promise.all([import("../../server/config.ts"), import("../../server/db/database.ts")]);
  const opened = await openDatabase(defaultServerConfig({ databaseUrl }).databaseUrl);
  try {
    return await use(opened);
  } finally {
    await opened.close();
  }
}

/** Rows as aligned columns under a header, for a terminal. */
function table(header: string[], rows: string[][]): string {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
  return [header, ...rows].map((cells) => cells.map((c, i) => (i === cells.length - 1 ? c : c.padEnd(widths[i]))).join("  ")).join("\n");
}

/** `tern auth …`: works on the server's database directly, as the server's operator does. */
export function registerAuthCommands(program: Command) {
  const auth = program.command("auth").description("Manage API keys for `tern server start --auth`");
  auth
    .command("create-key")
    .description("Create an API key and print it (shown once; only its hash is stored)")
    .option("--name <name>", "a name to recognise the key by", "default")
    .option(...DATABASE_OPTION)
    .action(async (opts: { name: string; databaseUrl?: string }) => {
      const { createApiKey } = await import("../../server/auth/api-keys.ts");
      const { key } = await withKeyDatabase(opts.databaseUrl, (opened) => createApiKey(opened.db, opts.name));
      console.log(key);
      console.error(`Created API key "${opts.name}". Use it with: export TERN_API_KEY=${key}`);
    });

  auth
    .command("list-keys")
    .description("List API keys: id, name, when created and last used (to the minute), and whether revoked. Never the keys themselves")
    .option(...DATABASE_OPTION)
    .action(async (opts: { databaseUrl?: string }) => {
      const { listApiKeys } = await import("../../server/auth/api-keys.ts");
      const keys = await withKeyDatabase(opts.databaseUrl, (opened) => listApiKeys(opened.db));
      if (keys.length === 0) {
        console.error("No API keys yet: create one with `tern auth create-key`.");
        return;
      }
      const rows = keys.map((k) => [k.id, k.name, k.created, k.lastUsed ?? "never", k.revokedAt ? `revoked ${k.revokedAt}` : "active"]);
      console.log(table(["ID", "NAME", "CREATED", "LAST USED", "STATUS"], rows));
    });

  auth
    .command("revoke-key")
    .description("Revoke an API key by id or name: running servers refuse it from their next request and end its live queries")
    .argument("<id-or-name>", "the key's id, or its name when no other active key has that name")
    .option(...DATABASE_OPTION)
    .action(async (idOrName: string, opts: { databaseUrl?: string }) => {
      const [{ revokeApiKey }, { announceChange }] = await Promise.all([import("../../server/auth/api-keys.ts"), import("../../server/feed.ts")]);
      const result = await withKeyDatabase(opts.databaseUrl, async (opened) => {
        const revoked = await revokeApiKey(opened.db, idOrName);
        if (revoked.outcome === "revoked") await announceChange(opened, ["api_key"]);
        return revoked;
      });
      switch (result.outcome) {
        case "revoked":
          console.log(`Revoked API key "${result.key.name}" (${result.key.id}).`);
          return;
        case "already-revoked":
          console.log(`API key "${result.key.name}" (${result.key.id}) was already revoked at ${result.key.revokedAt}.`);
          return;
        case "not-found":
          throw new CliError(`no API key has the id or name "${idOrName}"; see \`tern auth list-keys\``);
        case "ambiguous":
          throw new CliError(`${result.ids.length} active API keys are named "${idOrName}"; revoke one by id (${result.ids.join(", ")})`);
      }
    });
}
