import type { ExecutionResult } from "graphql";
import { createGraphQLError, type Plugin } from "graphql-yoga";
import { bearerToken } from "./api-keys.ts";
import type { ApiKeyGuard } from "./key-guard.ts";

/**
 * Binds every live query to the key that opened it: when the key is revoked, the subscription sends
 * one last result, an UNAUTHENTICATED error, and completes. Works for both transports, since both
 * run subscriptions through yoga's envelop: the SSE of `/graphql` (CLI, agent) and the
 * single-connection stream (the SPA), where the operation's own POST carried the key.
 */
export function endStreamsOfRevokedKeys(guard: ApiKeyGuard): Plugin {
  return {
    onSubscribe({ args }) {
      const request = (args.contextValue as { request?: Request }).request;
      const token = request ? bearerToken(request) : null;
      if (!token) return;
      return {
        onSubscribeResult({ result, setResult }) {
          if (!(Symbol.asyncIterator in Object(result))) return;
          setResult(untilRevoked(result as AsyncIterableIterator<ExecutionResult>, guard, token));
        },
      };
    },
  };
}

const revokedError = () => createGraphQLError("The API key of this live query was revoked.", { extensions: { code: "UNAUTHENTICATED" } });

function untilRevoked(source: AsyncIterableIterator<ExecutionResult>, guard: ApiKeyGuard, token: string): AsyncIterableIterator<ExecutionResult> {
  let finished = false;
  let signalRevoked!: () => void;
  const revoked = new Promise<"revoked">((resolve) => {
    signalRevoked = () => resolve("revoked");
  });
  const stopWatching = guard.watch(token, signalRevoked);
  const finish = async () => {
    if (finished) return;
    finished = true;
    stopWatching();
    await source.return?.();
  };
  // Hand-written, like the live-query plugin's iterator: it must end while the source awaits a change.
  const iterator: AsyncIterableIterator<ExecutionResult> = {
    async next() {
      if (finished) return { done: true, value: undefined };
      const step = await Promise.race([source.next(), revoked]);
      if (step === "revoked") {
        await finish();
        return { done: false, value: { errors: [revokedError()] } };
      }
      if (step.done) {
        finished = true;
        stopWatching();
      }
      return step;
    },
    async return() {
      await finish();
      return { done: true, value: undefined };
    },
    async throw(error?: unknown) {
      await finish();
      throw error;
    },
    [Symbol.asyncIterator]() {
      return iterator;
    },
  };
  return iterator;
}
