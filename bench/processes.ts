/**
 * Real processes for the benches that measure what a user runs: `tern server start` and
 * `tern agent local start` as separate programs (so their memory can be read from /proc), plus
 * ways to read that memory and to register a flow into such a server.
 */
import { type ChildProcess, spawn, spawnSync } from "node:child_process";
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { TernClient } from "../src/client/client.ts";
import type { Flow } from "../src/sdk/flow.ts";
import { type RegisterRedirect, setRegisterRedirect } from "../src/sdk/register.ts";
import { definedFlows } from "../src/sdk/registry.ts";
import { freePort } from "../src/testing/processes.ts";
import { CreateProject } from "./documents.ts";

export const TERN_BIN = join(import.meta.dirname, "../bin/tern.mjs");

/**
 * How `tern` runs right now: from the esbuild bundle (when `npm run build` made one newer than every
 * source) or from the sources through tsx. Start-up and memory differ a lot between the two, so each
 * bench prints which one it measured. Asked of bin/cli-bundle.mjs itself, in a child, so the rule
 * lives in one place.
 */
export function ternMode(): "bundle" | "sources" {
  if (process.env.TERN_NO_BUNDLE) return "sources";
  const script = `import(${JSON.stringify(join(import.meta.dirname, "../bin/cli-bundle.mjs"))}).then((m) => console.log(m.bundleIsFresh()))`;
  const answer = spawnSync(process.execPath, ["-e", script], { encoding: "utf8" }).stdout.trim();
  return answer === "true" ? "bundle" : "sources";
}

export interface Program {
  child: ChildProcess;
  /** Everything the process printed, for the error message when it dies. */
  output(): string;
  stop(): Promise<void>;
}

/**
 * With BENCH_CPU_PROF=<dir>, every tern process a bench starts writes a V8 CPU profile there when it
 * exits (read it with `bench/profile-summary.ts`): how an OVER figure gets its explanation.
 */
const profiling = process.env.BENCH_CPU_PROF ? ["--cpu-prof", "--cpu-prof-dir", process.env.BENCH_CPU_PROF] : [];

/** Runs `tern <args>` with `env` added; output is kept, not shown. */
export function tern(args: string[], env: Record<string, string> = {}, nodeArgs: string[] = []): Program {
  const child = spawn(process.execPath, [...profiling, ...nodeArgs, TERN_BIN, ...args], { env: { ...process.env, ...env }, stdio: ["ignore", "pipe", "pipe"] });
  let text = "";
  const keep = (chunk: Buffer) => (text = (text + chunk.toString()).slice(-8000));
  child.stdout!.on("data", keep);
  child.stderr!.on("data", keep);
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  return {
    child,
    output: () => text,
    async stop() {
      if (child.exitCode === null && child.signalCode === null) child.kill("SIGTERM");
      const timer = setTimeout(() => child.kill("SIGKILL"), 10_000);
      await exited;
      clearTimeout(timer);
    },
  };
}

/** Resolves once `url` answers 200; rejects if `program` exits first. Polls every `everyMs`. */
export async function until200(url: string, program: Program, everyMs = 5): Promise<void> {
  for (;;) {
    if (program.child.exitCode !== null) throw new Error(`process exited (${program.child.exitCode}) before ${url} answered:\n${program.output()}`);
    try {
      const response = await fetch(url);
      await response.arrayBuffer();
      if (response.status === 200) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, everyMs));
  }
}

export interface ServerProcess extends Program {
  url: string;
  graphqlUrl: string;
}

/** `tern server start` on a free port with its data in `home` (or `databaseUrl`), once healthy. */
export async function startServerProcess(home: string, databaseUrl?: string, nodeArgs: string[] = []): Promise<ServerProcess> {
  const port = await freePort();
  const args = ["server", "start", "--port", String(port)];
  if (databaseUrl) args.push("--database-url", databaseUrl);
  const program = tern(args, { TERN_HOME: home }, nodeArgs);
  const url = `http://127.0.0.1:${port}`;
  await until200(`${url}/healthz`, program);
  return { ...program, url, graphqlUrl: `${url}/graphql` };
}

/** `tern agent local start` against `api`, once it has registered (its first printed line). */
export async function startAgentProcess(api: string, options: { label: string; maxConcurrent?: number; warm?: number }, nodeArgs: string[] = []): Promise<Program> {
  const args = ["agent", "local", "start", "--api", api, "--label", options.label];
  if (options.maxConcurrent !== undefined) args.push("--max-concurrent", String(options.maxConcurrent));
  if (options.warm !== undefined) args.push("--warm", String(options.warm));
  const program = tern(args, {}, nodeArgs);
  const deadline = Date.now() + 30_000;
  while (!/registered/.test(program.output())) {
    if (program.child.exitCode !== null || Date.now() > deadline) throw new Error(`agent did not register:\n${program.output()}`);
    await new Promise((r) => setTimeout(r, 20));
  }
  return program;
}

/** A field of /proc/<pid>/status in MB (VmRSS: now; VmHWM: the peak so far). */
export function memoryMb(pid: number, field: "VmRSS" | "VmHWM"): number {
  const match = readFileSync(`/proc/${pid}/status`, "utf8").match(new RegExp(`^${field}:\\s+(\\d+) kB`, "m"));
  if (!match) throw new Error(`no ${field} for process ${pid}`);
  return Number(match[1]) / 1024;
}

/**
 * CPU time (user + system) the process has used so far, in ms, from /proc/<pid>/stat (10 ms ticks).
 * Unlike wall-clock time it barely moves when other work shares the cores, so it is the figure to
 * trust on a busy machine.
 */
export function cpuMs(pid: number): number {
  // Fields after the parenthesised command name: state is field 3, utime 14 and stime 15.
  const fields = readFileSync(`/proc/${pid}/stat`, "utf8").split(") ")[1].split(" ");
  return (Number(fields[11]) + Number(fields[12])) * (1000 / CLOCK_TICKS_PER_S);
}
const CLOCK_TICKS_PER_S = 100; // USER_HZ: 100 on every Linux architecture Node runs on

/**
 * A script that prints the CPU ms and the RSS MB its own process has used (as "cpu rss"), for
 * `node` baselines next to cpuMs() and memoryMb().
 */
export const PRINT_OWN_USAGE = `const fs = require("fs");
const f = fs.readFileSync("/proc/self/stat", "utf8").split(") ")[1].split(" ");
const rss = /^VmRSS:\\s+(\\d+) kB/m.exec(fs.readFileSync("/proc/self/status", "utf8"))[1];
console.log((Number(f[11]) + Number(f[12])) * ${1000 / CLOCK_TICKS_PER_S}, Number(rss) / 1024);`;

/**
 * CPU time (ms) every thread of `pid` has run so far, from Linux's schedstat (ns, finer than the
 * 10 ms ticks of cpuMs()); 0 for a process gone.
 */
export function processCpuMs(pid: number): number {
  try {
    return readdirSync(`/proc/${pid}/task`).reduce((sum, tid) => {
      try {
        return sum + Number(readFileSync(`/proc/${pid}/task/${tid}/schedstat`, "utf8").split(" ")[0]) / 1e6;
      } catch {
        return sum;
      }
    }, 0);
  } catch {
    return 0;
  }
}

/** `pid` and every process below it (the agent's warm engines), from /proc. */
export function processTree(pid: number): number[] {
  const children = readFileSync(`/proc/${pid}/task/${pid}/children`, "utf8").trim().split(/\s+/).filter(Boolean).map(Number);
  return [pid, ...children.flatMap((child) => processTree(child))];
}

/** Creates `projectName` and registers the flow that `file` defines into it, with `labels`. */
export async function registerFlowFile(api: string, file: string, projectName: string, labels: string[]): Promise<{ flow: Flow; flowId: string }> {
  await new TernClient({ api }).request(CreateProject, { name: projectName });
  const redirect: RegisterRedirect = { projectName, api, registered: new Map(), labels };
  setRegisterRedirect(redirect);
  const log = console.log;
  console.log = () => {}; // registration prints the flow's URL; the bench's output is its figures
  try {
    const before = new Set(definedFlows());
    await import(pathToFileURL(file).href);
    const flow = definedFlows().find((f) => !before.has(f)) ?? definedFlows().findLast((f) => f.sourceFile === file)!;
    const flowId = (await (redirect.registered.get(flow) ?? flow.register({ projectName }))) as string;
    return { flow, flowId };
  } finally {
    console.log = log;
    setRegisterRedirect(undefined);
  }
}
