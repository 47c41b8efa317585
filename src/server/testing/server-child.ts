import { startServer } from "../main.ts";
import type { ServerConfig } from "../config.ts";

/**
 * A server in its own process for tests that must see whether the process survives: started with
 * the config given as JSON in argv[2] (e.g. a `uiDir` that `tern server start` has no flag for),
 * printing `listening <url>` once it answers. Exits on SIGTERM.
 */
const overrides = JSON.parse(process.argv[2] ?? "{}") as Partial<ServerConfig>;
const server = await startServer(overrides);
console.log(`listening ${server.url}`);
process.once("SIGTERM", () => void server.close().then(() => process.exit(0)));
