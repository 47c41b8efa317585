import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";

/** A Map standing in for the browser's localStorage (the unit tests run in Node). */
function fakeStorage() {
  const data = new Map<string, string>();
  return { getItem: (k: string) => data.get(k) ?? null, setItem: (k: string, v: string) => void data.set(k, v), data };
}

describe("timePreference", () => {
  let storage: ReturnType<typeof fakeStorage>;
  beforeEach(() => {
    storage = fakeStorage();
    vi.stubGlobal("localStorage", storage);
  });
  afterEach(() => vi.unstubAllGlobals());

  it("defaults to local time on a 24-hour clock", async () => {
    const { timePreference } = await import("./preferences.ts");
    expect(timePreference.get()).toEqual({ zone: "local", hourCycle: 24 });
  });
  it("keeps a chosen IANA zone and clock, in the keys the old Local/UTC choice used", async () => {
    const { timePreference } = await import("./preferences.ts");
    timePreference.set({ zone: "Europe/Berlin" });
    timePreference.set({ hourCycle: 12 });
    expect(timePreference.get()).toEqual({ zone: "Europe/Berlin", hourCycle: 12 });
    expect(storage.data.get("tern.time")).toBe("Europe/Berlin");
  });
  it("reads an old saved 'utc'", async () => {
    storage.setItem("tern.time", "utc");
    const { timePreference } = await import("./preferences.ts");
    expect(timePreference.get().zone).toBe("utc");
  });
  it("falls back to local for a zone this browser does not know", async () => {
    storage.setItem("tern.time", "Mars/Olympus");
    const { timePreference } = await import("./preferences.ts");
    expect(timePreference.get().zone).toBe("local");
  });
  it("answers the same object until something changes (as useSyncExternalStore needs)", async () => {
    const { timePreference } = await import("./preferences.ts");
    const first = timePreference.get();
    expect(timePreference.get()).toBe(first);
    timePreference.set({ zone: "utc" });
    expect(timePreference.get()).not.toBe(first);
  });
});
