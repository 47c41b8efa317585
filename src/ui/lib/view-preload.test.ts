import { afterEach, describe, expect, it, vi } from "vitest";
import { preloadViewWhenIdle, registerViewLoader, whenIdle } from "./view-preload.ts";

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

describe("whenIdle", () => {
  afterEach(() => vi.useRealTimers());

  it("runs the work once the page is idle, and not after the cancel", async () => {
    vi.useFakeTimers();
    const work = vi.fn();
    whenIdle(work);
    expect(work).not.toHaveBeenCalled();
    await vi.runAllTimersAsync();
    expect(work).toHaveBeenCalledTimes(1);

    whenIdle(work)();
    await vi.runAllTimersAsync();
    expect(work).toHaveBeenCalledTimes(1);
  });
});
