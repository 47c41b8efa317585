import { useSyncExternalStore } from "react";

/**
 * Whether the live-query streams are connected. Each open subscription reports in; the page is "live"
 * when none of them is currently broken. Views poll (refetchInterval) while this is false.
 */
const broken = new Set<symbol>();
const listeners = new Set<() => void>();

function emit() {
  for (const l of listeners) l();
}

export const connection = {
  isLive: () => broken.size === 0,
  markDown(stream: symbol) {
    if (broken.has(stream)) return;
    broken.add(stream);
    emit();
  },
  markUp(stream: symbol) {
    if (!broken.delete(stream)) return;
    emit();
  },
  subscribe(listener: () => void) {
    listeners.add(listener);
    return () => listeners.delete(listener);
  },
};

export function useConnectionLive(): boolean {
  return useSyncExternalStore(connection.subscribe, connection.isLive, () => true);
}
