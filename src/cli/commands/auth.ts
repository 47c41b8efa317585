import type { Command } from "commander";

/** `tern auth create-key`: works on the server's database directly, as the server's operator does. */
export function registerAuthCommands(program: Command) {
  const auth = program.command("auth").description("Manage API keys for `tern server start --auth`");
  auth
    .command("create-key")
    .description("Create an API key and print it (shown once; only its hash is stored)")
    .option("--name <name>", "a name to recognise the key by", "default")
    .option("--database-url <url>", "the server's database (default $TERN_HOME/tern.db, or DATABASE_URL)")
    .action(async (opts: { name: string; databaseUrl?: string }) => {
      // Loaded on use: every other `tern` command (the agent above all) stays free of server code.
      const [{ createApiKey }, { defaultServerConfig }, { openDatabase }] = await Promise.all([
        import("../../server/auth/api-keys.ts"),
        import("../../server/config.ts"),
        import("../../server/db/database.ts"),
      ]);
      const config = defaultServerConfig({ databaseUrl: opts.databaseUrl });
      const opened = await openDatabase(config.databaseUrl);
      try {
        const { key } = await createApiKey(opened.db, opts.name);
        console.log(key);
        console.error(`Created API key "${opts.name}". Use it with: export TERN_API_KEY=${key}`);
      } finally {
        await opened.close();
      }
    });
}
