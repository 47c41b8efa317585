import tailwindcss from "@tailwindcss/vite";
import react from "@vitejs/plugin-react";
import { writeFileSync } from "node:fs";
import { readdir, readFile, writeFile } from "node:fs/promises";
import { join, resolve } from "node:path";
import { promisify } from "node:util";
import { brotliCompress, constants as zlib, gzip } from "node:zlib";
import { build as esbuild, type Plugin as EsbuildPlugin } from "esbuild";
import { print, stripIgnoredCharacters } from "graphql";
import { defineConfig, type Plugin } from "vite";
import { DASHBOARD_HASH_FILE, dashboardSourcesHash } from "./src/cli/dashboard-build.ts";
import { viewOfPath } from "./src/ui/lib/view-of-path.ts";

const apiOrigin = process.env.TERN_API_ORIGIN ?? "http://127.0.0.1:4200";

/** Records what the build was made from, so `tern dev` rebuilds only when a source's content changed. */
const recordSourcesHash: Plugin = {
  name: "tern-record-sources-hash",
  apply: "build",
  writeBundle() {
    writeFileSync(join(import.meta.dirname, DASHBOARD_HASH_FILE), `${dashboardSourcesHash(import.meta.dirname)}\n`);
  },
};

const COMPRESSIBLE = /\.(js|css|html|svg|json)$/;
/** Below this size a compressed copy saves less than its own headers cost. */
const MIN_COMPRESS_BYTES = 1024;
const brotli = promisify(brotliCompress);
const gz = promisify(gzip);

/**
 * Writes `x.br` and `x.gz` beside every compressible file of the build, at the highest levels: the
 * build compresses once so the server only picks a file by Accept-Encoding (src/server/http.ts).
 */
function precompress(): Plugin {
  let outDir = "dist";
  return {
    name: "tern-precompress",
    apply: "build",
    configResolved(config) {
      outDir = resolve(config.root, config.build.outDir);
    },
    async closeBundle() {
      const files = (await readdir(outDir, { recursive: true })).filter((f) => COMPRESSIBLE.test(f));
      await Promise.all(
        files.map(async (name) => {
          const path = join(outDir, name);
          const plain = await readFile(path);
          if (plain.length < MIN_COMPRESS_BYTES) return;
          const variants = [
            [".br", await brotli(plain, { params: { [zlib.BROTLI_PARAM_QUALITY]: zlib.BROTLI_MAX_QUALITY, [zlib.BROTLI_PARAM_SIZE_HINT]: plain.length } })],
            [".gz", await gz(plain, { level: zlib.Z_BEST_COMPRESSION })],
          ] as const;
          for (const [suffix, packed] of variants) if (packed.length < plain.length) await writeFile(path + suffix, packed);
        }),
      );
    },
  };
}

/**
 * Adds to index.html a tiny script that asks, while the main bundle is still downloading, for the
 * code of the view the address opens (its route chunk and the chunks it imports). Without it the
 * browser learns of those files only once the main bundle has run and the router has matched, so
 * on a cold load they came one round trip later, and the view's data requests after them.
 */
function preloadViewChunks(): Plugin {
  return {
    name: "tern-preload-view-chunks",
    apply: "build",
    transformIndexHtml: {
      order: "post",
      handler(html, context) {
        const bundle = context.bundle;
        if (!bundle) return html;
        const chunks = Object.values(bundle).filter((c) => c.type === "chunk");
        const byFile = new Map(chunks.map((c) => [c.fileName, c]));
        const closure = (fileName: string, into = new Set<string>()) => {
          if (into.has(fileName)) return into;
          into.add(fileName);
          for (const imported of byFile.get(fileName)?.imports ?? []) closure(imported, into);
          return into;
        };
        const entry = new Set(chunks.filter((c) => c.isEntry).flatMap((c) => [...closure(c.fileName)]));
        const views: Record<string, string[]> = {};
        for (const chunk of chunks) {
          const view = chunk.facadeModuleId?.match(/src\/ui\/routes\/([^/]+)\/route\.tsx$/)?.[1];
          if (view) views[view] = [...closure(chunk.fileName)].filter((f) => !entry.has(f)).map((f) => `/${f}`);
        }
        const script = `(()=>{const viewOfPath=${viewOfPath.toString()};for(const href of ${JSON.stringify(views)}[viewOfPath(location.pathname)]??[]){const link=document.createElement("link");link.rel="modulepreload";link.href=href;link.crossOrigin="";document.head.appendChild(link)}})()`;
        // Before the stylesheet: an inline script after one waits for it to load before it runs.
        return html.replace("<script type=\"module\"", `<script>${script}</script>\n    <script type="module"`);
      },
    },
  };
}

/**
 * In the inline script's bundle, every generated document (src/core/gql/graphql.ts) is its printed
 * text: the script sends queries as text, and the documents' syntax trees are several times larger.
 */
const documentsAsText: EsbuildPlugin = {
  name: "tern-documents-as-text",
  setup(build) {
    build.onLoad({ filter: /src[\\/]core[\\/]gql[\\/]graphql\.ts$/ }, async () => {
      const documents = await generatedDocuments();
      return { contents: [...documents].map(([name, tree]) => `export const ${name} = ${JSON.stringify(stripIgnoredCharacters(print(JSON.parse(tree))))};`).join("\n"), loader: "js" };
    });
  },
};

/**
 * Adds to index.html the script src/ui/first-requests.inline.ts, bundled on its own: it sends the
 * opened view's first queries while the main bundle downloads, and the app adopts the answers.
 */
function inlineFirstRequests(): Plugin {
  return {
    name: "tern-inline-first-requests",
    apply: "build",
    transformIndexHtml: {
      order: "post",
      async handler(html) {
        const result = await esbuild({
          entryPoints: [join(import.meta.dirname, "src/ui/first-requests.inline.ts")],
          bundle: true,
          write: false,
          format: "iife",
          minify: true,
          target: "es2022",
          plugins: [documentsAsText],
        });
        const script = result.outputFiles[0]!.text.trim().replaceAll("</script", "<\\/script");
        return html.replace("<script type=\"module\"", `<script>${script}</script>\n    <script type="module"`);
      },
    },
  };
}

/** The generated documents (src/core/gql/graphql.ts), each as JSON text of its syntax tree, by export name. */
async function generatedDocuments(): Promise<Map<string, string>> {
  const source = await readFile(join(import.meta.dirname, "src/core/gql/graphql.ts"), "utf8");
  return new Map([...source.matchAll(/^export const (\w+) = (\{.*\}) as unknown as DocumentNode<.*>;$/gm)].map(([, name, tree]) => [name!, tree!]));
}

/**
 * Replaces each `graphql(\`…\`)` call in the SPA by an import of the one generated document it returns,
 * each document a module of its own. The generated `graphql` function looks its argument up in a map
 * of every document of the project (SDK, agent, CLI and test ones too), so its one call put all 127
 * of them, 320 KB, into a chunk every view loads; as modules of their own, each lands in the chunk of
 * the view that uses it. A call whose text is not in the map is left as it is (the function then
 * answers as before).
 */
function importDocuments(): Plugin {
  const PREFIX = "virtual:tern-document/";
  let loaded: Promise<{ byText: Map<string, string>; trees: Map<string, string> }> | undefined;
  const load = async () => {
    const source = await readFile(join(import.meta.dirname, "src/core/gql/gql.ts"), "utf8");
    const map = source.slice(source.indexOf("const documents"));
    // Each line of the map: `    "<the call's text, as a JSON string>": types.<export name>,`
    const byText = new Map([...map.matchAll(/^\s+("(?:[^"\\]|\\.)*"): types\.(\w+),$/gm)].map(([, text, name]) => [JSON.parse(text!) as string, name!]));
    return { byText, trees: await generatedDocuments() };
  };
  return {
    name: "tern-import-documents",
    apply: "build",
    resolveId(id) {
      return id.startsWith(PREFIX) ? `\0${id}` : null;
    },
    async load(id) {
      if (!id.startsWith(`\0${PREFIX}`)) return null;
      const { trees } = await (loaded ??= load());
      const tree = trees.get(id.slice(PREFIX.length + 1));
      if (!tree) return null;
      // A large tree (the chart's 28 bucket counts: 180 KB) is read faster by JSON.parse than as a literal.
      return tree.length > 10_000 ? `export default JSON.parse(${JSON.stringify(tree)});` : `export default ${tree};`;
    },
    async transform(code, id) {
      if (!/[\\/]src[\\/]ui[\\/].*\.tsx?$/.test(id) || !code.includes("graphql(`")) return null;
      const { byText, trees } = await (loaded ??= load());
      const imports = new Set<string>();
      const out = code.replace(/\bgraphql\(`((?:[^`\\$]|\$(?!\{))*)`\)/g, (call, text: string) => {
        const name = byText.get(text);
        if (!name || !trees.has(name)) return call;
        imports.add(name);
        return `__document_${name}`;
      });
      if (imports.size === 0) return null;
      const header = [...imports].map((name) => `import __document_${name} from "${PREFIX}${name}";\n`).join("");
      return { code: header + out, map: null };
    },
  };
}

/**
 * Which chunk a module goes to, where the bundler's own rule would split too finely. Left alone, the
 * code that several views share falls into one chunk per set of views that use it: the dashboard
 * needed eight files beside the main bundle, and over HTTP/1.1 a browser opens at most six connections
 * to one server, so on a cold load half of them waited for a free one (finishing ~120 ms after the main
 * bundle had run). Here the modules that two or more views share go into one `views` chunk, except:
 * - what the main bundle holds already (imported statically from main.tsx; moving it would make the main
 *   bundle wait for this chunk);
 * - the heavy code only some views need (the flow graph's layout, zod, the list virtualiser, the task-run
 *   counts) and every module that imports it, so no view loads that code for the chunk's sake.
 * React Query's hooks are reached from main.tsx through the package's index but left out of the main
 * bundle by tree-shaking, so they are named here to join the chunk (else they make two files of their own).
 */
function viewsChunk(): (id: string, context: { getModuleInfo(id: string): { importedIds: readonly string[] } | null }) => string | null {
  const HEAVY = /node_modules[\\/](zod|@dagrejs|@tanstack[\\/](virtual-core|react-virtual))[\\/]|[\\/]src[\\/]ui[\\/]components[\\/](schematic|state-counts)\.tsx$|TaskRunCountsDocument$/;
  const QUERY_HOOKS = /node_modules[\\/]@tanstack[\\/](react-query|query-core)[\\/]build[\\/]modern[\\/](useQuery|useBaseQuery|queryObserver|useMutation|mutationObserver|IsRestoringProvider|QueryErrorResetBoundary|errorBoundaryUtils|suspense)\.js$/;
  let initial: Set<string> | undefined;
  const heavy = new Map<string, boolean>();
  return (id, context) => {
    const imports = (of: string) => context.getModuleInfo(of)?.importedIds ?? [];
    if (!initial) {
      initial = new Set();
      const walk = (from: string) => {
        if (initial!.has(from)) return;
        initial!.add(from);
        for (const next of imports(from)) walk(next);
      };
      walk(join(import.meta.dirname, "src/ui/main.tsx"));
    }
    const reachesHeavy = (of: string): boolean => {
      if (initial!.has(of) && !QUERY_HOOKS.test(of)) return false;
      let known = heavy.get(of);
      if (known === undefined) {
        heavy.set(of, false); // an import cycle is settled by the other modules on it
        known = HEAVY.test(of) || imports(of).some(reachesHeavy);
        heavy.set(of, known);
      }
      return known;
    };
    if (QUERY_HOOKS.test(id)) return "views";
    return initial.has(id) || reachesHeavy(id) ? null : "views";
  };
}

// The SPA lives in src/ui; `npm run build` writes dist/, which the Tern server serves at `/`.
export default defineConfig({
  plugins: [importDocuments(), react(), tailwindcss(), recordSourcesHash, inlineFirstRequests(), preloadViewChunks(), precompress()],
  build: {
    outDir: "dist",
    emptyOutDir: true,
    sourcemap: false,
    rolldownOptions: { output: { codeSplitting: { groups: [{ name: viewsChunk(), debugName: "views", minShareCount: 2, includeDependenciesRecursively: false }] } } },
  },
  server: {
    port: 5173,
    proxy: {
      "/graphql": {
        target: apiOrigin,
        changeOrigin: true,
        // The Tern server refuses browser requests from other origins. The dev server's own pages
        // are the dashboard, so their Origin becomes the API's; any other page's Origin is passed on
        // unchanged, to be refused there.
        configure(proxy) {
          proxy.on("proxyReq", (proxyReq, req) => {
            if (req.headers.origin && req.headers.origin === `http://${req.headers.host}`) proxyReq.setHeader("origin", apiOrigin);
          });
        },
      },
    },
  },
});
