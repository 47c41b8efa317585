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
  await import(url);
  const flow = findFlow(storage.flow_name ?? flowName, file);
  if (!flow) throw new Error(`The file ${file} does not define a flow named "${storage.flow_name ?? flowName}"`);
  return flow;
}
