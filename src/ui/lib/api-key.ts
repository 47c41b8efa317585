import { useSyncExternalStore } from "react";

/** What the dashboard knows about API keys: the saved key, and whether the server just refused a request. */
export interface ApiKeyState {
  key: string | null;
  /** The server answered 401: the saved key (or its absence) was not accepted; ask for one. */
  required: boolean;
}

type KeyStorage = Pick<Storage, "getItem" | "setItem" | "removeItem">;

const STORAGE_KEY = "tern.apiKey";

/**
 * The API key the SPA sends as `Authorization: Bearer`. Kept in localStorage so one entry lasts across
 * reloads; servers without `--auth` never answer 401, so they never ask. Storage is injected for tests.
 */
export function createApiKeyStore(storage: KeyStorage | null) {
  const listeners = new Set<() => void>();
  // useSyncExternalStore needs the same object until something changes.
  let state: ApiKeyState = { key: storage?.getItem(STORAGE_KEY) || null, required: false };
  const update = (next: ApiKeyState) => {
    if (next.key === state.key && next.required === state.required) return;
    state = next;
    for (const l of listeners) l();
  };
  return {
    get: () => state,
    /** Called for every 401 the server gives, whichever request got it. */
    markRejected: () => update({ key: state.key, required: true }),
    save(key: string) {
      const trimmed = key.trim();
      if (!trimmed) return;
      storage?.setItem(STORAGE_KEY, trimmed);
      update({ key: trimmed, required: false });
    },
    forget() {
      storage?.removeItem(STORAGE_KEY);
      update({ key: null, required: state.required });
    },
    /** Headers for one request: the bearer header while a key is saved, none otherwise. */
    headers(): Record<string, string> {
      return state.key ? { authorization: `Bearer ${state.key}` } : {};
    },
    subscribe(listener: () => void) {
      listeners.add(listener);
      return () => {
        listeners.delete(listener);
      };
    },
  };
}

export type ApiKeyStore = ReturnType<typeof createApiKeyStore>;

export const apiKey = createApiKeyStore(typeof localStorage === "undefined" ? null : localStorage);

export function useApiKeyState(): ApiKeyState {
  return useSyncExternalStore(apiKey.subscribe, apiKey.get, apiKey.get);
}

export type KeyCheck = "accepted" | "rejected" | "unreachable";

/** Tries a key on the server before saving it, so a typo is reported on the field instead of looping. */
export async function checkApiKey(key: string, fetchImpl: typeof fetch = fetch): Promise<KeyCheck> {
  try {
    const response = await fetchImpl("/graphql", {
      method: "POST",
      headers: { "content-type": "application/json", authorization: `Bearer ${key.trim()}` },
      body: JSON.stringify({ query: "{ __typename }" }),
    });
    if (response.status === 401) return "rejected";
    return response.ok ? "accepted" : "unreachable";
  } catch {
    return "unreachable";
  }
}
