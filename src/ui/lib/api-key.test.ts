import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { checkApiKey, createApiKeyStore } from "./api-key.ts";

/** The storage subset the store uses, backed by a Map (Node has no localStorage). */
function memoryStorage(initial: Record<string, string> = {}) {
  const items = new Map(Object.entries(initial));
  return {
    items,
    getItem: (k: string) => items.get(k) ?? null,
    setItem: (k: string, v: string) => void items.set(k, v),
    removeItem: (k: string) => void items.delete(k),
  };
}

describe("api key store", () => {
  it("sends no header until a key is saved, then a bearer header, kept in storage", () => {
    const storage = memoryStorage();
    const store = createApiKeyStore(storage);
    expect(store.headers()).toEqual({});
    store.save("  tern_abc  ");
    expect(store.headers()).toEqual({ authorization: "Bearer tern_abc" });
    expect(storage.items.get("tern.apiKey")).toBe("tern_abc");
    expect(createApiKeyStore(storage).get().key).toBe("tern_abc");
  });

  it("asks for a key after a 401 and stops asking once one is saved", () => {
    const store = createApiKeyStore(memoryStorage());
    let changes = 0;
    const off = store.subscribe(() => changes++);
    store.markRejected();
    store.markRejected();
    expect(store.get()).toEqual({ key: null, required: true });
    store.save("tern_k");
    expect(store.get()).toEqual({ key: "tern_k", required: false });
    // A repeated 401 does not wake listeners twice.
    expect(changes).toBe(2);
    off();
  });

  it("forgets the key everywhere; an empty key is not saved", () => {
    const storage = memoryStorage({ "tern.apiKey": "tern_old" });
    const store = createApiKeyStore(storage);
    store.save("   ");
    expect(store.get().key).toBe("tern_old");
    store.forget();
    expect(store.get().key).toBeNull();
    expect(storage.items.has("tern.apiKey")).toBe(false);
    expect(store.headers()).toEqual({});
  });

  it("keeps the same state object between changes (a stable external-store snapshot)", () => {
    const store = createApiKeyStore(memoryStorage());
    expect(store.get()).toBe(store.get());
  });
});

describe("checkApiKey against a real HTTP server", () => {
  let server: Server;
  let origin: string;
  beforeAll(async () => {
    // Answers like `tern server start --auth`: 401 unless the bearer is "tern_good".
    server = createServer((req, res) => {
      const ok = req.headers.authorization === "Bearer tern_good";
      res.writeHead(ok ? 200 : 401, { "content-type": "application/json" });
      res.end(JSON.stringify(ok ? { data: { __typename: "query_root" } } : { errors: [{ message: "Invalid API key.", extensions: { code: "UNAUTHENTICATED" } }] }));
    });
    await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
    origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => new Promise((r) => server.close(r)));
  const relativeFetch: typeof fetch = (input, init) => fetch(new URL(String(input), origin), init);

  it("tells an accepted key from a rejected one and from an unreachable server", async () => {
    expect(await checkApiKey("tern_good", relativeFetch)).toBe("accepted");
    expect(await checkApiKey("tern_bad", relativeFetch)).toBe("rejected");
    const refused: typeof fetch = () => Promise.reject(new TypeError("fetch failed"));
    expect(await checkApiKey("tern_good", refused)).toBe("unreachable");
  });
});
