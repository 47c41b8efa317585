import { useSyncExternalStore } from "react";
import type { TimeMode } from "./format.ts";

export type Theme = "light" | "dark" | "system";

/** A tiny localStorage-backed preference with a React hook; pages re-render when it changes. */
function preference<T extends string>(key: string, allowed: readonly T[], fallback: T) {
  const listeners = new Set<() => void>();
  const read = (): T => {
    const v = typeof localStorage === "undefined" ? null : localStorage.getItem(key);
    return allowed.includes(v as T) ? (v as T) : fallback;
  };
  return {
    get: read,
    set(value: T) {
      localStorage.setItem(key, value);
      for (const l of listeners) l();
    },
    use(): T {
      // biome-ignore lint/correctness/useHookAtTopLevel: use() is this store's hook; components call it at their top level.
      return useSyncExternalStore(
        (l) => {
          listeners.add(l);
          return () => listeners.delete(l);
        },
        read,
        () => fallback,
      );
    },
  };
}

export const themePreference = preference<Theme>("tern.theme", ["light", "dark", "system"], "system");
export const timePreference = preference<TimeMode>("tern.time", ["local", "utc"], "local");

/** Puts the `dark` class on <html> for the chosen theme (system follows the OS). */
export function applyTheme(theme: Theme) {
  const dark = theme === "dark" || (theme === "system" && window.matchMedia("(prefers-color-scheme: dark)").matches);
  document.documentElement.classList.toggle("dark", dark);
}
