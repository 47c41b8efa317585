#!/usr/bin/env node
// The `tern` command. It is TypeScript run through tsx's loader, so users need no build step. When
// `npm run build` has bundled the CLI and no source file changed since, the bundle loads (an entry
// and the chunks a command needs) instead of a thousand modules through the loader: the server and
// agent start several times faster.
// `tern register` always runs from the sources, because the user's flow file imports the SDK from
// them and must share its module state (the flows it defines) with the command.
import { bundleFile, bundleIsFresh } from "./cli-bundle.mjs";

if (process.argv[2] !== "register" && !process.env.TERN_NO_BUNDLE && bundleIsFresh()) {
  await import(bundleFile);
} else {
  const { register } = await import("tsx/esm/api");
  register();
  await import("../src/cli/main.ts");
}
