import type { ExecutionResult } from "graphql";
import type { Plugin } from "graphql-yoga";
import type { Metrics } from "../../metrics.ts";

/**
 * Completes the live queries: a re-run whose result equals the last one sent is dropped (JSON
 * compare), and open live queries are counted for `/metrics`.
 */
export function liveQueryPlugin(metrics?: Metrics): Plugin {
  return {
    onSubscribe() {
      return {
        onSubscribeResult({ result, setResult }) {
          if (!(Symbol.asyncIterator in Object(result))) return;
          setResult(dropRepeats(result as AsyncIterableIterator<ExecutionResult>, metrics));
        },
      };
    },
  };
}

function dropRepeats(source: AsyncIterableIterator<ExecutionResult>, metrics?: Metrics): AsyncIterableIterator<ExecutionResult> {
  let last: string | undefined;
  let open = true;
  if (metrics) metrics.liveSubscriptions++;
  const end = () => {
    if (!open) return;
    open = false;
    if (metrics) metrics.liveSubscriptions--;
  };
  // A hand-written iterator rather than an async generator: a generator cannot be returned while it
  // awaits the next change, which would leave the subscription open after the client left.
  const iterator: AsyncIterableIterator<ExecutionResult> = {
    async next() {
      for (;;) {
        const step = await source.next();
        if (step.done) {
          end();
          return step;
        }
        const text = JSON.stringify(step.value);
        if (text === last) continue;
        last = text;
        return step;
      }
    },
    async return() {
      end();
      await source.return?.();
      return { done: true, value: undefined };
    },
    async throw(error?: unknown) {
      end();
      await source.return?.();
      throw error;
    },
    [Symbol.asyncIterator]() {
      return iterator;
    },
  };
  return iterator;
}
