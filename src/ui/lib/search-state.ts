import { useCallback, useMemo } from "react";
import { useSearchParams } from "react-router";
import type { z } from "zod";

/**
 * Reads a view's URL state with a zod object schema; every field must have a `.catch()` default so
 * a hand-edited or stale URL falls back safely instead of throwing.
 */
export function parseSearch<S extends z.ZodObject>(schema: S, params: URLSearchParams): z.infer<S> {
  const raw: Record<string, string | string[]> = {};
  for (const key of new Set(params.keys())) {
    const all = params.getAll(key);
    raw[key] = all.length > 1 ? all : all[0];
  }
  return schema.parse(raw);
}

/** Writes a patch into the params: `undefined`, `""` and defaults drop the key to keep URLs short. */
export function patchSearch(params: URLSearchParams, patch: Record<string, string | number | string[] | undefined | null>, defaults: Record<string, unknown> = {}): URLSearchParams {
  const next = new URLSearchParams(params);
  for (const [key, value] of Object.entries(patch)) {
    next.delete(key);
    if (value === undefined || value === null || value === "" || value === defaults[key]) continue;
    if (Array.isArray(value)) for (const v of value) next.append(key, v);
    else next.set(key, String(value));
  }
  return next;
}

/** The hook form: parsed state plus a setter that replaces history entries for typing-speed changes. */
export function useSearchState<S extends z.ZodObject>(schema: S) {
  const [params, setParams] = useSearchParams();
  const state = useMemo(() => parseSearch(schema, params), [schema, params]);
  const defaults = useMemo(() => parseSearch(schema, new URLSearchParams()) as Record<string, unknown>, [schema]);
  const update = useCallback(
    (patch: Partial<Record<keyof z.infer<S>, string | number | string[] | undefined | null>>, options: { replace?: boolean } = {}) =>
      setParams((prev) => patchSearch(prev, patch as Record<string, string | undefined>, defaults), { replace: options.replace ?? false }),
    [setParams, defaults],
  );
  return [state, update] as const;
}
