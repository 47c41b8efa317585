import { runInNewContext } from "node:vm";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { fullCollection, IDLE_COLLECT_MS, idleCollector } from "./idle-collect.ts";

describe("idleCollector", () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it("collects once after the engine has been idle for the whole wait, not while work comes and goes", () => {
    const collect = vi.fn();
    const collector = idleCollector(collect);
    collector.idle();
    vi.advanceTimersByTime(IDLE_COLLECT_MS - 1);
    collector.busy();
    vi.advanceTimersByTime(IDLE_COLLECT_MS * 2);
    expect(collect).not.toHaveBeenCalled();
    collector.idle();
    vi.advanceTimersByTime(IDLE_COLLECT_MS - 1);
    collector.idle();
    vi.advanceTimersByTime(IDLE_COLLECT_MS - 1);
    expect(collect).not.toHaveBeenCalled();
    vi.advanceTimersByTime(1);
    expect(collect).toHaveBeenCalledTimes(1);
    vi.advanceTimersByTime(IDLE_COLLECT_MS * 2);
    expect(collect).toHaveBeenCalledTimes(1);
  });
});

describe("fullCollection", () => {
  it("hands out V8's collection without exposing it to code the engine runs later", () => {
    const collect = fullCollection();
    expect(() => collect()).not.toThrow();
    expect(runInNewContext("typeof gc")).toBe("undefined");
    expect(typeof (globalThis as { gc?: unknown }).gc).toBe("undefined");
  });
});
