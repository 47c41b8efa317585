import { mkdirSync, readFileSync, realpathSync, writeFileSync } from "node:fs";
import { join, relative, resolve } from "node:path";
import type { Command } from "commander";
import { cliFailure } from "../failure.ts";
import { existingFiles, projectFiles, shellWord, ternDependency } from "../project-template.ts";

const TERN_ROOT = join(import.meta.dirname, "../../..");

/**
 * Writes a new flows project into `dir` (created if missing) and returns the names it wrote.
 * Refuses, writing nothing, when any of those files already exists.
 *
 * @example
 * ```ts
 * initProject({ dir: "flows", projectName: "tutorial" }); // ["package.json", "tsconfig.json", "flow.ts", ".gitignore"]
 * ```
 */
export function initProject(options: { dir: string; projectName: string; ternSpec?: string; ternRoot?: string }): string[] {
  if (!options.projectName.trim()) throw cliFailure("the project name must not be empty");
  const dir = resolve(options.dir);
  const ternRoot = realpathSync(options.ternRoot ?? TERN_ROOT);
  const ternSpec = options.ternSpec ?? ternDependency(dir, ternRoot);
  if (!ternSpec) throw cliFailure(`cannot tell where this tern was installed from: pass --tern <path to tern or its packed tarball>`);
  const tern = JSON.parse(readFileSync(join(ternRoot, "package.json"), "utf8"));
  const files = projectFiles({ dir, projectName: options.projectName, ternSpec, tern });
  const existing = existingFiles(dir, files);
  if (existing.length) throw cliFailure(`${existing.join(", ")} already ${existing.length > 1 ? "exist" : "exists"} in ${dir}: tern init writes a new project and overwrites nothing`);
  mkdirSync(dir, { recursive: true });
  for (const [name, contents] of Object.entries(files)) writeFileSync(join(dir, name), contents, { flag: "wx" });
  return Object.keys(files);
}

/** `tern init [dir] [--project P] [--tern SPEC]`: a folder of your own for flows, using this Tern. */
export function registerInitCommand(program: Command) {
  program
    .command("init [dir]")
    .description("Start a flows project of your own: package.json, tsconfig.json, a first flow, .gitignore")
    .option("-p, --project <name>", "project the first flow registers into", "tutorial")
    .option("--tern <spec>", "how the project depends on tern (default: where this tern was installed from)")
    .action((dir: string | undefined, opts: { project: string; tern?: string }) => {
      const target = resolve(dir ?? ".");
      const written = initProject({ dir: target, projectName: opts.project, ternSpec: opts.tern });
      const fromHere = relative(process.cwd(), target);
      console.log(`Wrote ${written.join(", ")} in ${target}`);
      console.log("Next:");
      if (fromHere) console.log(`  cd ${shellWord(fromHere.startsWith("..") ? target : fromHere)}`);
      console.log("  npm install");
      console.log(`  npx tern create project ${shellWord(opts.project)}  # once, with the server running`);
      console.log("  npx tsx flow.ts  # registers the flow; then start a run from the dashboard");
    });
}
