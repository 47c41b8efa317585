import { setFlagsFromString } from "node:v8";
import { runInNewContext } from "node:vm";

/**
 * How long a warm engine has had nothing to do before it collects its garbage: past V8's 5 s window
 * for the allocation rate, so that the collection finds the engine idle and gives back the young
 * generation's spare pages too.
 */
export const IDLE_COLLECT_MS = 6000;

/**
 * V8's full collection, without exposing `gc` to the flow code the engine runs: the flag is on only
 * while a fresh context is made to hand the function out.
 */
export function fullCollection(): () => void {
  setFlagsFromString("--expose-gc");
  try {
    return runInNewContext("gc") as () => void;
  } finally {
    setFlagsFromString("--no-expose-gc");
  }
}

/**
 * Calls `collect` once the engine has been idle for `idleMs` (no run, no preload): a warm engine's
 * start, preload and runs leave garbage and a grown young generation that V8's own memory reducer
 * gives back only 20-30 s later, so an idle engine held ~8-10 MiB more than it needs for that long.
 * `busy()` when work arrives, `idle()` when none is left.
 */
export function idleCollector(collect: () => void, idleMs = IDLE_COLLECT_MS) {
  let timer: NodeJS.Timeout | undefined;
  return {
    busy() {
      clearTimeout(timer);
      timer = undefined;
    },
    idle() {
      clearTimeout(timer);
      timer = setTimeout(() => {
        timer = undefined;
        collect();
      }, idleMs);
      timer.unref();
    },
  };
}
