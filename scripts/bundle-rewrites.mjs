// Rewrites of dependency files that the CLI bundle (scripts/build-cli.mjs) applies at build time, each
// to save start-up time. Each has a test (bundle-rewrites.test.ts) that bundles the installed
// dependency and fails when the upstream file no longer matches.
import { readFile } from "node:fs/promises";
import { dirname, resolve } from "node:path";

/**
 * @whatwg-node/server (under graphql-yoga) asks once, while the app is built, whether its Request
 * class is Node's own: `fetchAPI.Request !== globalThis.Request`. Reading that global makes Node load
 * its whole fetch implementation (undici): ~55 ms of CPU and ~10 MB of memory the server never uses
 * otherwise, since yoga serves node:http with whatwg-node's own classes. Until something reads it,
 * the global is still Node's lazy getter, and then no code can hold Node's Request, so the answer is
 * already known to be "not Node's": the rewritten test reads the global only once it is loaded.
 * A dependency update that changes the line only costs that time again, and the build says so;
 * bundle-rewrites.test.ts fails then, so the rewrite is fixed or dropped.
 */
export const leaveNodeFetchUnloaded = {
  name: "leave-node-fetch-unloaded",
  setup(esbuild) {
    esbuild.onLoad({ filter: /@whatwg-node\/server\/esm\/createServerAdapter\.js$/ }, async (args) => {
      const source = await readFile(args.path, "utf8");
      const eager = "fetchAPI.Request !== globalThis.Request";
      if (!source.includes(eager)) {
        return { contents: source, loader: "js", warnings: [{ text: "leave-node-fetch-unloaded: the Request comparison was not found; the server will load Node's fetch at start" }] };
      }
      const lazy = '(typeof Object.getOwnPropertyDescriptor(globalThis, "Request")?.get === "function" || fetchAPI.Request !== globalThis.Request)';
      return { contents: source.replace(eager, lazy), loader: "js" };
    });
  },
};

/**
 * zod's namespace object (`import { z } from "zod"`) carries every one of its ~50 message
 * translations as `z.locales`, which bundling cannot leave out: a third of the server's chunk, read
 * and compiled at every start. Tern only ever uses the default English messages (zod sets them up
 * from its en locale directly), so `z.locales` is reduced to `en`. bundle-rewrites.test.ts fails when
 * zod's files no longer match.
 */
export const zodEnglishOnly = {
  name: "zod-english-only",
  setup(esbuild) {
    esbuild.onResolve({ filter: /^\.\.\/locales\/index\.js$/ }, (args) => {
      if (!/zod\/v4\/(classic\/external|core\/index)\.js$/.test(args.importer)) return undefined;
      return { path: resolve(dirname(args.importer), "../locales/index.js"), namespace: "zod-english-only" };
    });
    esbuild.onLoad({ filter: /.*/, namespace: "zod-english-only" }, (args) => ({
      contents: 'export { default as en } from "./en.js";',
      resolveDir: dirname(args.path),
      loader: "js",
    }));
  },
};
