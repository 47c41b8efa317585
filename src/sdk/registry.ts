import type { Flow } from "./flow.ts";
import { shared } from "./shared-state.ts";

// Shared by every SDK copy, so the engine finds flows that a user file built through its own copy.
const flows = shared.flows;

/** Every Flow constructed in this process, in order. */
export function definedFlows(): readonly Flow[] {
  return flows;
}

export function recordFlow(flow: Flow) {
  flows.push(flow);
}

/** The newest flow with this name; with `file`, only one that file defined (a reused engine holds older files' flows too). */
export function findFlow(name: string, file?: string): Flow | undefined {
  for (let i = flows.length - 1; i >= 0; i--) {
    const f = flows[i];
    if (f.name === name && (!file || f.sourceFile === file)) return f;
  }
  return undefined;
}
