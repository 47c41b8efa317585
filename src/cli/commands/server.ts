import type { Command } from "commander";

export function registerServerCommands(program: Command) {
  const server = program.command("server").description("Run the Tern server (GraphQL API + dashboard)");
  server
    .command("start")
    .description("Start the server: migrations, GraphQL at /graphql, the dashboard at /")
    .option("--host <host>", "address to bind (default 127.0.0.1, or TERN_HOST)")
    .option("--port <port>", "port to listen on (default 4200, or TERN_PORT)", (v) => Number.parseInt(v, 10))
    .option("--database-url <url>", "postgres://… URL or SQLite file path (default $TERN_HOME/tern.db, or DATABASE_URL)")
    .option("--auth", "require an API key (`tern auth create-key`) on every GraphQL request")
    .option("--public-url <url>", "the URL people reach the server at (a proxy or DNS name): accepted as Host and Origin, used in printed links (or TERN_PUBLIC_URL)")
    .option("--allowed-origins <origins>", "comma-separated browser origins, besides the server's own, that may call the API (or TERN_ALLOWED_ORIGINS)")
    .action(async (opts: { host?: string; port?: number; databaseUrl?: string; auth?: boolean; publicUrl?: string; allowedOrigins?: string }) => {
      const started = Date.now();
      // Loaded on use, so the agent and the other commands never load (or hold in memory) the server.
      const { startServer } = await import("../../server/main.ts");
      // A bad --public-url or --allowed-origins throws a ServerConfigError, printed as one line by the CLI.
      const { parseAllowedOrigins } = await import("../../server/config.ts");
      const running = await startServer({
        host: opts.host,
        port: opts.port,
        databaseUrl: opts.databaseUrl,
        auth: opts.auth || undefined,
        publicUrl: opts.publicUrl,
        allowedOrigins: opts.allowedOrigins === undefined ? undefined : parseAllowedOrigins(opts.allowedOrigins),
      });
      const db = running.deps.dialect === "sqlite" ? running.deps.config.databaseUrl : "PostgreSQL";
      console.log(`Tern server ready in ${Date.now() - started} ms`);
      console.log(`  Dashboard: ${running.publicUrl}/`);
      console.log(`  GraphQL:   ${running.publicUrl}/graphql`);
      if (running.publicUrl !== running.url) console.log(`  Listening: ${running.url}`);
      console.log(`  Database:  ${db}`);
      if (running.deps.config.auth) console.log("  Auth:      API key required");
      if (!["127.0.0.1", "localhost", "::1"].includes(running.deps.config.host) && !running.deps.config.auth) {
        console.warn(`\nWARNING: bound to ${running.deps.config.host} without --auth: anyone who can reach this address can read and change everything.\n`);
      }
      const stop = async () => {
        console.log("Shutting down…");
        await running.close();
        process.exit(0);
      };
      process.once("SIGINT", stop);
      process.once("SIGTERM", stop);
    });
}
