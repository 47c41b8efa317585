import type { Flow } from "./flow.ts";
import type { RegisterRedirect } from "./register.ts";

/**
 * What every copy of the SDK loaded in one process shares. There can be several: the bundled CLI
 * carries its own, and a flow file it or the engine imports loads the package's; yet the engine
 * must find the flows that file defined, the CLI must steer that file's `register()` calls, and the
 * file's `register()` must know it runs inside a flow run. This one object, on one global symbol,
 * is how they tell each other (no environment variables: those would leak into the processes a
 * task starts).
 */
interface SharedState {
  /** Every Flow constructed in this process, in order. */
  readonly flows: Flow[];
  /** Set while `tern register FILE` imports FILE. */
  registerRedirect?: RegisterRedirect;
  /** The flow run this process is running (the engine), if any. */
  flowRunId?: string;
}

const KEY = Symbol.for("tern.sdk.shared");
const g = globalThis as unknown as Record<symbol, SharedState | undefined>;
export const shared: SharedState = (g[KEY] ??= { flows: [] });

/**
 * Marks this process as running `flowRunId` until the returned function is called: meanwhile a
 * flow file's `flow.register()` does nothing and `context.flowRunId` answers outside tasks too.
 *
 * @example
 * ```ts
 * const leave = enterFlowRun(flowRunId);
 * try { await runTheFlow(); } finally { leave(); }
 * ```
 */
export function enterFlowRun(flowRunId: string): () => void {
  shared.flowRunId = flowRunId;
  return () => {
    if (shared.flowRunId === flowRunId) shared.flowRunId = undefined;
  };
}

/** True inside a flow run, where importing the flow file must not register it again. */
export function inFlowRun(): boolean {
  return shared.flowRunId !== undefined;
}
