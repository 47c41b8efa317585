import { existsSync, statSync } from "node:fs";
import { pathToFileURL } from "node:url";
import type { Flow } from "../sdk/flow.ts";
import { findFlow } from "../sdk/registry.ts";
import type { Storage } from "../sdk/storage.ts";
import { enterFlowRun } from "../sdk/shared-state.ts";
import { flowRuntime, type StoragePolicy, storageRefusal } from "../core/flow-runtime.ts";
import { ENGINE_ENV, type LikelyFlow } from "./protocol.ts";
import { checkoutGitStorage } from "./git-storage.ts";

/** The storage descriptor as stored on the flow row (what `flow.serialize()` wrote). */
export type StoredStorage = Storage & { flow_name?: string };

/**
 * Imports the flow's file (the process runs under tsx, so TypeScript works) and finds the Flow the
 * file constructed. Never deserializes code: storage only says where the file is. `counted`: the
 * import counts toward {@link importedFlowModules} (all but the engine's own warm-up flow).
 */
export async function loadFlow(storage: StoredStorage, flowName: string, policy: StoragePolicy | null = storagePolicyFromEnv(), counted = true): Promise<Flow> {
  const refusal = policy && storageRefusal(flowRuntime(storage, null), policy);
  if (refusal) throw new StorageRefusedError(`Refused to load the flow's code: ${refusal}`);
  let file: string;
  if (storage?.type === "Local") file = storage.path;
  else if (storage?.type === "Git") file = await checkoutGitStorage(storage);
  else throw new Error(`Unsupported flow storage ${JSON.stringify((storage as { type?: string })?.type)}`);
  if (!file || !existsSync(file)) throw new Error(`Flow file not found: ${file}`);
  // The mtime in the URL makes a reused (warm) engine import a changed file afresh.
  const url = `${pathToFileURL(file).href}?v=${statSync(file).mtimeMs}`;
  const name = storage.flow_name ?? flowName;
  const key = `${url}#${name}`;
  const loaded = loadedFlows.get(key);
  if (loaded) {
    // Most recently used last: the first key is the one to evict.
    loadedFlows.delete(key);
    loadedFlows.set(key, loaded);
    return loaded;
  }
  if (counted) importedModules.add(url);
  await import(url);
  const flow = findFlow(name, file);
  if (!flow) throw new Error(`The file ${file} does not define a flow named "${name}"`);
  loadedFlows.set(key, flow);
  const oldest = loadedFlows.keys().next().value;
  if (loadedFlows.size > MAX_LOADED_FLOWS && oldest !== undefined) loadedFlows.delete(oldest);
  return flow;
}

/**
 * Imports, ahead of their runs, the files of flows the agent expects to run: local storage only (a
 * Git checkout is not started on a guess), and only what `policy` allows, the check a run makes.
 * Meanwhile the files' `register()` calls do nothing (as inside a run) and whatever they print goes
 * nowhere: output of a file's top-level code belongs to no run. A file that fails to import is left
 * for its run to report. Returns the ids of the flows now loaded.
 */
export async function preloadFlows(flows: readonly LikelyFlow[], policy: StoragePolicy | null): Promise<string[]> {
  // An engine no agent configured has no policy to check a guess against: it loads nothing ahead of time.
  if (!policy) return [];
  const loaded: string[] = [];
  const leave = enterFlowRun("");
  const unsilence = silenceOutput();
  try {
    for (const { flowId, storage, name } of flows) {
      if (storage?.type !== "Local") continue;
      try {
        await loadFlow(storage, name, policy);
        loaded.push(flowId);
      } catch {
        // Refused, missing or broken: its run says so, in the run's own logs.
      }
    }
  } finally {
    unsilence();
    leave();
  }
  return loaded;
}

/** Drops everything written to stdout and stderr until the returned function is called. */
function silenceOutput(): () => void {
  const streams = [process.stdout, process.stderr];
  const originals = streams.map((stream) => stream.write);
  for (const stream of streams) {
    stream.write = ((_chunk: unknown, ...rest: unknown[]) => {
      const callback = rest.find((r) => typeof r === "function") as ((error?: Error | null) => void) | undefined;
      callback?.();
      return true;
    }) as typeof stream.write;
  }
  return () => streams.forEach((stream, i) => (stream.write = originals[i]!));
}

/** The agent would not load this flow's code: its storage kind or repository is not allowed. */
export class StorageRefusedError extends Error {
  override name = "StorageRefusedError";
}

/**
 * The storage the agent that started this process allows (TERN_ALLOW_STORAGE, TERN_GIT_PREFIXES),
 * or null when no agent said (an engine started by hand): then any storage loads.
 */
export function storagePolicyFromEnv(env: NodeJS.ProcessEnv = process.env): StoragePolicy | null {
  const storage = env[ENGINE_ENV.allowStorage];
  if (storage === undefined) return null;
  let gitPrefixes: unknown = [];
  try {
    gitPrefixes = JSON.parse(env[ENGINE_ENV.gitPrefixes] ?? "[]");
  } catch {
    // Unreadable prefixes allow no repository.
  }
  return {
    storage: storage.split(",").filter(Boolean),
    gitPrefixes: Array.isArray(gitPrefixes) ? gitPrefixes.filter((p): p is string => typeof p === "string") : [],
  };
}

/**
 * Flows a warm engine has imported, by file version and name, least recently used first: importing
 * a module that is already loaded still goes through the TypeScript loader's resolve step (about a
 * millisecond of CPU), paid on every run of the same flow otherwise.
 */
const loadedFlows = new Map<string, Flow>();
export const MAX_LOADED_FLOWS = 32;

/** How many loaded flows this process holds for reuse (at most {@link MAX_LOADED_FLOWS}). */
export function loadedFlowCount(): number {
  return loadedFlows.size;
}

/** Module URLs (a file at one mtime) this process has imported: Node never unloads one. */
const importedModules = new Set<string>();

/**
 * How many flow modules this process has imported. Node keeps every imported module for the life
 * of the process, so a warm engine retires past a cap (engine/worker.ts) instead of growing forever.
 */
export function importedFlowModules(): number {
  return importedModules.size;
}
