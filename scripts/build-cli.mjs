#!/usr/bin/env node
// `npm run build:cli [-- --if-stale]`: bundles the `tern` command (entry build/cli/tern.mjs, one
// chunk per lazily loaded part) so that starting the server, the agent or any command reads a few
// files instead of resolving ~1,000 modules through the TypeScript loader; that is most of
// `tern server start`'s time to healthy. bin/tern.mjs uses the bundle only while it is newer than
// every source file it was built from (build/cli/inputs.json), so an edited checkout never runs
// stale code.
import { spawnSync } from "node:child_process";
import { rmSync, writeFileSync } from "node:fs";
import { readFile } from "node:fs/promises";
import { basename, dirname, join, relative, resolve } from "node:path";
import { build } from "esbuild";
import { bundleDir as OUT_DIR, bundleFile as OUT_FILE, bundleInputsFile, bundleIsFresh, packageRoot as ROOT } from "../bin/cli-bundle.mjs";

if (process.argv.includes("--if-stale") && bundleIsFresh()) process.exit(0);

/**
 * Source files find their neighbours (the engine's entry, the dashboard's dist/, package.json) from
 * `import.meta`; inside a bundle that would point at build/cli/. Rewrite each use into the same path
 * expressed relative to the bundle, so the bundle behaves like the sources wherever the checkout is.
 */
const keepImportMetaPaths = {
  name: "keep-import-meta-paths",
  setup(esbuild) {
    esbuild.onLoad({ filter: /\/src\/.*\.ts$/ }, async (args) => {
      const source = await readFile(args.path, "utf8");
      if (!source.includes("import.meta.")) return { contents: source, loader: "ts" };
      const fromBundle = (path) => JSON.stringify(relative(OUT_DIR, path));
      const fileUrl = `new URL(${fromBundle(args.path)}, import.meta.url)`;
      const replacements = {
        dirname: `__ternPath.join(__ternDirname, ${fromBundle(dirname(args.path))})`,
        filename: `__ternPath.join(__ternDirname, ${fromBundle(args.path)})`,
        url: `${fileUrl}.href`,
        // Relative specifiers resolve against the source file; packages resolve from the bundle as usual.
        "resolve(": `((specifier) => specifier.startsWith(".") ? new URL(specifier, ${fileUrl}).href : import.meta.resolve(specifier))(`,
      };
      const contents = source.replace(/import\.meta\.(dirname|filename|url|resolve\()/g, (_, key) => replacements[key]);
      return { contents, loader: "ts" };
    });
  },
};

/**
 * @whatwg-node/server (under graphql-yoga) asks once, while the app is built, whether its Request
 * class is Node's own: `fetchAPI.Request !== globalThis.Request`. Reading that global makes Node load
 * its whole fetch implementation (undici): ~55 ms of CPU and ~10 MB of memory the server never uses
 * otherwise, since yoga serves node:http with whatwg-node's own classes. Until something reads it,
 * the global is still Node's lazy getter, and then no code can hold Node's Request, so the answer is
 * already known to be "not Node's": the rewritten test reads the global only once it is loaded.
 * A dependency update that changes the line only costs that time again, and the build says so.
 */
const leaveNodeFetchUnloaded = {
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
 * from its en locale directly), so `z.locales` is reduced to `en`.
 */
const zodEnglishOnly = {
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

/**
 * The server's schema document, parsed from the sources (through tsx, as they run) and written as
 * JSON beside the bundle: src/server/graphql/schema.ts reads it instead of parsing the SDL at every
 * start. The bundle tells it where through TERN_BUNDLE_DIR, defined as the banner's __ternDirname.
 */
function writeSchemaDocument() {
  const schemaTs = JSON.stringify(resolve(ROOT, "src/server/graphql/schema.ts"));
  const script = `const { schemaDocument, BUNDLED_DOCUMENT_FILE } = await import(${schemaTs}); const { writeFileSync } = await import("node:fs");
    writeFileSync(${JSON.stringify(OUT_DIR)} + "/" + BUNDLED_DOCUMENT_FILE, JSON.stringify(schemaDocument()));`;
  const printed = spawnSync(process.execPath, ["--import", "tsx", "--input-type=module", "-e", script], { cwd: ROOT, encoding: "utf8" });
  if (printed.status !== 0) throw new Error(`build:cli: could not write the schema document:\n${printed.stderr}`);
}

// Each command's own code goes in its own chunk (code splitting), loaded on use: the agent never
// reads the server's chunk. Chunks sit beside the entry, so one directory is the base of every path.
rmSync(OUT_DIR, { recursive: true, force: true });
const result = await build({
  entryPoints: { [basename(OUT_FILE, ".mjs")]: resolve(ROOT, "src/cli/main.ts") },
  outdir: OUT_DIR,
  outExtension: { ".js": ".mjs" },
  chunkNames: "[name]-[hash]",
  splitting: true,
  bundle: true,
  platform: "node",
  format: "esm",
  target: "node20",
  // Every start reads and compiles the chunks it loads. Without whitespace and comments the server's
  // chunk is a third smaller and plain ASCII (a comment in any other script made the whole file a
  // slow-to-decode, two-bytes-per-character string). Names stay, so stack traces still say where.
  minifyWhitespace: true,
  minifySyntax: true,
  legalComments: "none",
  // Native addons and optional native drivers stay outside: they load from node_modules as usual.
  external: ["better-sqlite3", "pg-native", "tsx", "tsx/*", "esbuild", "vite", "@playwright/test"],
  banner: {
    js: [
      'import { createRequire as __ternCreateRequire } from "node:module";',
      'import __ternPath from "node:path";',
      'import { fileURLToPath as __ternFileURLToPath } from "node:url";',
      "const require = __ternCreateRequire(import.meta.url);",
      "const __ternDirname = __ternPath.dirname(__ternFileURLToPath(import.meta.url));",
    ].join("\n"),
  },
  define: { TERN_BUNDLE_DIR: "__ternDirname" },
  plugins: [keepImportMetaPaths, leaveNodeFetchUnloaded, zodEnglishOnly],
  metafile: true,
  logLevel: "warning",
});

writeSchemaDocument();

// Only our own sources decide freshness; dependencies change only with package-lock.json.
const inputs = Object.keys(result.metafile.inputs)
  .filter((path) => !path.includes("node_modules/"))
  .map((path) => relative(ROOT, resolve(ROOT, path)));
inputs.push("package-lock.json");
writeFileSync(bundleInputsFile, `${JSON.stringify(inputs)}\n`);
// What each chunk is made of (https://esbuild.github.io/analyze/ reads it): where start-up bytes come from.
writeFileSync(join(OUT_DIR, "meta.json"), JSON.stringify(result.metafile));
console.log(`build:cli: bundled ${Object.keys(result.metafile.inputs).length} modules into ${relative(ROOT, OUT_DIR)}/ (${Object.keys(result.metafile.outputs).length} files)`);
