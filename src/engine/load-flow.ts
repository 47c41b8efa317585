import { existsSync, statSync } from "node:fs";
import { pathToFileURL } from "node:url";
import type { Flow } from "../sdk/flow.ts";
import { findFlow } from "../sdk/registry.ts";
import type { Storage } from "../sdk/storage.ts";
import { checkoutGitStorage } from "./git-storage.ts";

/** The storage descriptor as stored on the flow row (what `flow.serialize()` wrote). */
export type StoredStorage = Storage & { flow_name?: string };

/**
 * Imports the flow's file (the process runs under tsx, so TypeScript works) and finds the Flow the
 * file constructed. Never deserializes code: storage only says where the file is.
 */
export async function loadFlow(storage: StoredStorage, flowName: string): Promise<Flow> {
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
  if (loaded) return loaded;
  await import(url);
  const flow = findFlow(name, file);
  if (!flow) throw new Error(`The file ${file} does not define a flow named "${name}"`);
  loadedFlows.set(key, flow);
  return flow;
}

/**
 * Flows a warm engine has imported, by file version and name: importing a module that is already
 * loaded still goes through the TypeScript loader's resolve step (about a millisecond of CPU), paid
 * on every run of the same flow otherwise.
 */
const loadedFlows = new Map<string, Flow>();
