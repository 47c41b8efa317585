import { useSyncExternalStore } from "react";
import { type HourCycle, isKnownTimeZone, type TimeSettings, type TimeZoneChoice } from "./format.ts";

export type Theme = "light" | "dark" | "system";

/** A localStorage-backed store's hook: the component re-renders when one of `listeners` is called. */
function useStore<T>(listeners: Set<() => void>, read: () => T, fallback: T): T {
  return useSyncExternalStore(
    (l) => {
      listeners.add(l);
      return () => listeners.delete(l);
    },
    read,
    () => fallback,
  );
}

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
    use: (): T => useStore(listeners, read, fallback),
  };
}

export const themePreference = preference<Theme>("tern.theme", ["light", "dark", "system"], "system");

/**
 * How times are shown: zone (`local`, `utc` or an IANA name) and 12/24-hour clock, kept in two
 * localStorage keys (`tern.time` keeps its old `local`/`utc` values). `use()` returns the same object
 * until a value changes, as useSyncExternalStore requires.
 */
function timeSettingsStore() {
  const ZONE = "tern.time";
  const CYCLE = "tern.hourCycle";
  const fallback: TimeSettings = { zone: "local", hourCycle: 24 };
  const listeners = new Set<() => void>();
  let cached: { zone: string | null; cycle: string | null; value: TimeSettings } | undefined;
  const read = (): TimeSettings => {
    if (typeof localStorage === "undefined") return fallback;
    const zone = localStorage.getItem(ZONE);
    const cycle = localStorage.getItem(CYCLE);
    if (cached?.zone === zone && cached.cycle === cycle) return cached.value;
    const value: TimeSettings = {
      zone: zone === "local" || zone === "utc" || (zone && isKnownTimeZone(zone)) ? (zone as TimeZoneChoice) : "local",
      hourCycle: cycle === "12" ? 12 : 24,
    };
    cached = { zone, cycle, value };
    return value;
  };
  return {
    get: read,
    set(patch: { zone?: TimeZoneChoice; hourCycle?: HourCycle }) {
      if (patch.zone !== undefined) localStorage.setItem(ZONE, patch.zone);
      if (patch.hourCycle !== undefined) localStorage.setItem(CYCLE, String(patch.hourCycle));
      for (const l of listeners) l();
    },
    use: (): TimeSettings => useStore(listeners, read, fallback),
  };
}

export const timePreference = timeSettingsStore();

/** Puts the `dark` class on <html> for the chosen theme (system follows the OS). */
export function applyTheme(theme: Theme) {
  const dark = theme === "dark" || (theme === "system" && window.matchMedia("(prefers-color-scheme: dark)").matches);
  document.documentElement.classList.toggle("dark", dark);
}
