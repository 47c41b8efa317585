import { execFile } from "node:child_process";
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, realpathSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { afterEach, describe, expect, it } from "vitest";
import { ternDependency } from "../project-template.ts";
import { CliError } from "../errors.ts";
import { initProject } from "./init.ts";

const TERN_ROOT = realpathSync(join(import.meta.dirname, "../../.."));
const TERN_MANIFEST = JSON.parse(readFileSync(join(TERN_ROOT, "package.json"), "utf8"));
const run = promisify(execFile);

const temps: string[] = [];
function tempDir(): string {
  const dir = realpathSync(mkdtempSync(join(tmpdir(), "tern-init-")));
  temps.push(dir);
  return dir;
}
afterEach(() => {
  for (const dir of temps.splice(0)) rmSync(dir, { recursive: true, force: true });
});

const readJson = (file: string) => JSON.parse(readFileSync(file, "utf8"));

describe("tern init", () => {
  it("writes a project that depends on this checkout, in a folder it creates", () => {
    const dir = join(tempDir(), "my flows");
    expect(initProject({ dir, projectName: "data team" })).toEqual(["package.json", "tsconfig.json", "flow.ts", ".gitignore"]);
    const pkg = readJson(join(dir, "package.json"));
    const spec = ternDependency(dir, TERN_ROOT);
    expect(spec).toMatch(/^file:\.\.\//);
    expect(pkg).toMatchObject({
      name: "my-flows",
      type: "module",
      dependencies: { tern: spec },
      devDependencies: { typescript: TERN_MANIFEST.devDependencies.typescript, "@types/node": TERN_MANIFEST.devDependencies["@types/node"], tsx: TERN_MANIFEST.dependencies.tsx },
      scripts: { register: "tern register flow.ts --project 'data team'" },
    });
    expect(pkg.allowScripts).toEqual({ ...TERN_MANIFEST.allowScripts, [spec as string]: true });
    expect(readJson(join(dir, "tsconfig.json")).compilerOptions).toMatchObject({ module: "NodeNext", noEmit: true, strict: true });
    const flow = readFileSync(join(dir, "flow.ts"), "utf8");
    expect(flow).toContain('import { context, Flow, Parameter, task } from "tern";');
    expect(flow).toContain('await flow.register({ projectName: "data team" });');
    expect(readFileSync(join(dir, ".gitignore"), "utf8")).toBe("node_modules/\n");
  });

  it("refuses to overwrite, and then writes nothing at all", () => {
    const dir = tempDir();
    writeFileSync(join(dir, "flow.ts"), "// mine\n");
    expect(() => initProject({ dir, projectName: "tutorial" })).toThrow(CliError);
    expect(() => initProject({ dir, projectName: "tutorial" })).toThrow(`flow.ts already exists in ${dir}: tern init writes a new project and overwrites nothing`);
    expect(readdirSync(dir)).toEqual(["flow.ts"]);
    expect(readFileSync(join(dir, "flow.ts"), "utf8")).toBe("// mine\n");
  });

  it("refuses an empty project name", () => {
    const dir = tempDir();
    expect(() => initProject({ dir, projectName: " " })).toThrow("the project name must not be empty");
    expect(readdirSync(dir)).toEqual([]);
  });

  it("uses the dependency it is given", () => {
    const dir = tempDir();
    initProject({ dir, projectName: "tutorial", ternSpec: "file:../tern-0.1.0.tgz" });
    expect(readJson(join(dir, "package.json")).dependencies).toEqual({ tern: "file:../tern-0.1.0.tgz" });
  });

  it("says what to pass when it cannot tell where tern came from", () => {
    const root = tempDir();
    const copy = join(root, "node_modules/tern");
    mkdirSync(copy, { recursive: true });
    writeFileSync(join(copy, "package.json"), JSON.stringify(TERN_MANIFEST));
    expect(() => initProject({ dir: join(root, "new"), projectName: "tutorial", ternRoot: copy })).toThrow(
      "cannot tell where this tern was installed from: pass --tern <path to tern or its packed tarball>",
    );
  });

  it("from the command line: one line and exit 1 on a second init", async () => {
    const dir = tempDir();
    const tern = (...args: string[]) => run(process.execPath, [join(TERN_ROOT, "bin/tern.mjs"), "init", ...args], { cwd: dir });
    const first = await tern("flows", "--project", "etl");
    expect(first.stdout).toContain(`Wrote package.json, tsconfig.json, flow.ts, .gitignore in ${join(dir, "flows")}`);
    expect(first.stdout).toContain("cd flows");
    const second = await tern("flows").catch((error: { code: number; stderr: string }) => error);
    expect("code" in second && second.code).toBe(1);
    expect(second.stderr.trim().split("\n")).toEqual([`Error: package.json, tsconfig.json, flow.ts, .gitignore already exist in ${join(dir, "flows")}: tern init writes a new project and overwrites nothing`]);
  });
});

describe("ternDependency", () => {
  it("depends on a checkout as a folder, relative to the project", () => {
    expect(ternDependency("/home/me/flows", "/home/me/src/tern")).toBe("file:../src/tern");
  });

  it("depends on an installed copy the way its project declared it, re-based onto the new project", () => {
    const root = tempDir();
    const installer = join(root, "work/a");
    mkdirSync(join(installer, "node_modules/tern"), { recursive: true });
    const declare = (tern: string) => writeFileSync(join(installer, "package.json"), JSON.stringify({ dependencies: { tern } }));
    declare("file:../../tern-0.1.0.tgz");
    expect(ternDependency(join(root, "work/b"), join(installer, "node_modules/tern"))).toBe("file:../../tern-0.1.0.tgz");
    // npx's cache declares what `npx --package` was given, as an absolute path.
    declare(`file:${root}/tern-0.1.0.tgz`);
    expect(ternDependency(join(root, "flows"), join(installer, "node_modules/tern"))).toBe("file:../tern-0.1.0.tgz");
    declare("^0.1.0");
    expect(ternDependency(join(root, "flows"), join(installer, "node_modules/tern"))).toBe("^0.1.0");
  });
});
