import { afterEach, describe, expect, it, vi } from "vitest";
import { preloadViewWhenIdle, registerViewLoader } from "./view-preload.ts";

describe("preloadViewWhenIdle", () => {
  afterEach(() => vi.useRealTimers());

  it("asks for the registered view's module once the page is idle, and not after the cancel", async () => {
    vi.useFakeTimers();
    const load = vi.fn(() => Promise.resolve({}));
    registerViewLoader("flow-run", load);
    preloadViewWhenIdle("flow-run");
    expect(load).not.toHaveBeenCalled();
    await vi.runAllTimersAsync();
    expect(load).toHaveBeenCalledTimes(1);

    const cancel = preloadViewWhenIdle("flow-run");
    cancel();
    await vi.runAllTimersAsync();
    expect(load).toHaveBeenCalledTimes(1);
  });

  it("a failed download is left for the router to meet and report on navigation", async () => {
    vi.useFakeTimers();
    const load = vi.fn(() => Promise.reject(new Error("offline")));
    registerViewLoader("flow-run", load);
    preloadViewWhenIdle("flow-run");
    await vi.runAllTimersAsync();
    expect(load).toHaveBeenCalledTimes(1);
  });
});
