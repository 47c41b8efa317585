#!/usr/bin/env node
// `npm run build:cli [-- --if-stale]`: bundles the `tern` command (entry build/cli/tern.mjs, one
// chunk per lazily loaded part) so that starting the server, the agent or any command reads a few
// files instead of resolving ~1,000 modules through the TypeScript loader; that is most of
// `tern server start`'s time to healthy. bin/tern.mjs uses the bundle only while the source files it
// was built from have the contents they had then (build/cli/inputs.json keeps their list and hash),
// so an edited checkout never runs stale code.
import { spawnSync } from "node:child_process";
import { rmSync, writeFileSync } from "node:fs";
import { readFile } from "node:fs/promises";
import { basename, dirname, join, relative, resolve } from "node:path";
import { build } from "esbuild";
import { contentHash, statStamp } from "../bin/content-hash.mjs";
import { leaveNodeFetchUnloaded, zodEnglishOnly } from "./bundle-rewrites.mjs";
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
  // Libraries' development-only checks (graphql-js's cross-realm instanceOf on every schema lookup,
  // urql's debug events) cost the server and agent CPU on every request; the bundle is what users run.
  // Only bundled code sees this: a flow's own code reads the real NODE_ENV.
  define: { TERN_BUNDLE_DIR: "__ternDirname", "process.env.NODE_ENV": '"production"' },
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
// A packed copy has no lockfile (npm never packs one): it checks its sources against packedHash.
const packedHash = contentHash(ROOT, inputs.filter((path) => path !== "package-lock.json"));
writeFileSync(bundleInputsFile, `${JSON.stringify({ inputs, hash: contentHash(ROOT, inputs), packedHash, stamp: statStamp(ROOT, inputs) })}\n`);
// What each chunk is made of (https://esbuild.github.io/analyze/ reads it): where start-up bytes come from.
writeFileSync(join(OUT_DIR, "meta.json"), JSON.stringify(result.metafile));
console.log(`build:cli: bundled ${Object.keys(result.metafile.inputs).length} modules into ${relative(ROOT, OUT_DIR)}/ (${Object.keys(result.metafile.outputs).length} files)`);
