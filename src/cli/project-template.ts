import { existsSync, readFileSync } from "node:fs";
import { basename, isAbsolute, relative, resolve, sep } from "node:path";

/** What `tern init` writes: file name → contents. */
export type ProjectFiles = Record<string, string>;

/** The parts of Tern's own package.json the new project's versions come from. */
interface TernManifest {
  dependencies?: Record<string, string>;
  devDependencies?: Record<string, string>;
  /** Dependencies whose install scripts npm may run (better-sqlite3 builds its native module). */
  allowScripts?: Record<string, boolean>;
}

/**
 * The files of a new flows project in `dir`: package.json (depending on `ternSpec`), a tsconfig that
 * type-checks flows against Tern's declarations, a first flow registering into `projectName`, and
 * a .gitignore. TypeScript, tsx and Node's types take the versions Tern itself is built with.
 *
 * @example
 * ```ts
 * projectFiles({ dir: "/home/me/flows", projectName: "tutorial", ternSpec: "file:../tern", tern: manifest });
 * ```
 */
export function projectFiles(options: { dir: string; projectName: string; ternSpec: string; tern: TernManifest }): ProjectFiles {
  const { projectName, ternSpec, tern } = options;
  const versionOf = (name: string) => tern.devDependencies?.[name] ?? tern.dependencies?.[name] ?? "*";
  const packageJson = {
    name: packageName(basename(options.dir)),
    private: true,
    type: "module",
    scripts: {
      register: `tern register flow.ts --project ${shellWord(projectName)}`,
      typecheck: "tsc --noEmit",
    },
    dependencies: { tern: ternSpec },
    devDependencies: { "@types/node": versionOf("@types/node"), tsx: versionOf("tsx"), typescript: versionOf("typescript") },
    // Tern's own (installed from a tarball, better-sqlite3 builds its native module), and Tern's
    // `prepare`, which builds its type declarations in a checkout the project depends on (npm
    // names a file: dependency by its spec here).
    allowScripts: { ...tern.allowScripts, ...(ternSpec.startsWith("file:") ? { [ternSpec]: true } : {}) },
  };
  const tsconfig = {
    compilerOptions: {
      target: "ES2022",
      module: "NodeNext",
      moduleResolution: "NodeNext",
      strict: true,
      noEmit: true,
      allowImportingTsExtensions: true,
      skipLibCheck: true,
      types: ["node"],
    },
    include: ["**/*.ts"],
    exclude: ["node_modules"],
  };
  return {
    "package.json": `${JSON.stringify(packageJson, null, 2)}\n`,
    "tsconfig.json": `${JSON.stringify(tsconfig, null, 2)}\n`,
    "flow.ts": firstFlow(projectName),
    ".gitignore": "node_modules/\n",
  };
}

function firstFlow(projectName: string): string {
  return `// Your first flow: one task that greets someone. \`npx tsx flow.ts\` registers it into the project
// ${JSON.stringify(projectName)} (create it first: npx tern create project ${shellWord(projectName)}); start a run from the
// dashboard, or with: npx tern run flow --name hello-flow --project ${shellWord(projectName)}
import { context, Flow, Parameter, task } from "tern";

const sayHello = task((who: string) => context.logger.info(\`Hello, \${who}!\`), { name: "say_hello" });

export const flow = new Flow("hello-flow", () => {
  sayHello(Parameter("who", { default: "world" }));
});

await flow.register({ projectName: ${JSON.stringify(projectName)} });
`;
}

/** A folder name made into a valid npm package name (lower case, no spaces or odd characters). */
function packageName(folder: string): string {
  const name = folder
    .toLowerCase()
    .replace(/[^a-z0-9._-]+/g, "-")
    .replace(/^[._-]+|-+$/g, "");
  return name || "flows";
}

/** `word` as one argument for a POSIX shell (quoted only when it has to be). */
export function shellWord(word: string): string {
  return /^[A-Za-z0-9_./:@=-]+$/.test(word) ? word : `'${word.replaceAll("'", `'\\''`)}'`;
}

/**
 * The `tern` dependency a project in `dir` should declare, found from where this Tern runs
 * (`ternRoot`, its real path): a checkout (not inside node_modules) is depended on as a folder;
 * a copy npm installed into some project (npx's cache included) is depended on as that project
 * declared it (e.g. the packed tarball), re-based onto `dir`. Undefined when neither tells.
 *
 * @example
 * ```ts
 * ternDependency("/home/me/flows", "/home/me/tern"); // "file:../tern"
 * ```
 */
export function ternDependency(dir: string, ternRoot: string): string | undefined {
  const parts = ternRoot.split(sep);
  const modules = parts.lastIndexOf("node_modules");
  if (modules === -1) return fileSpec(dir, ternRoot);
  const installer = parts.slice(0, modules).join(sep) || sep;
  let declared: string | undefined;
  try {
    const manifest = JSON.parse(readFileSync(resolve(installer, "package.json"), "utf8")) as { dependencies?: Record<string, string>; devDependencies?: Record<string, string> };
    declared = manifest.dependencies?.tern ?? manifest.devDependencies?.tern;
  } catch {
    return undefined;
  }
  if (!declared?.startsWith("file:")) return declared;
  const target = declared.slice("file:".length);
  return fileSpec(dir, isAbsolute(target) ? target : resolve(installer, target));
}

/** A `file:` spec for `target` as npm writes one: relative to the project, with forward slashes. */
function fileSpec(dir: string, target: string): string {
  return `file:${relative(dir, target).split(sep).join("/") || "."}`;
}

/** The files of `files` that already exist in `dir`: `tern init` writes none of them then. */
export function existingFiles(dir: string, files: ProjectFiles): string[] {
  return Object.keys(files).filter((name) => existsSync(resolve(dir, name)));
}
