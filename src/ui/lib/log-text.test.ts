import { describe, expect, it } from "vitest";
import { collectPages, levelsFrom, logLineText } from "./log-text.ts";

describe("logLineText", () => {
  it("formats one line", () => {
    expect(logLineText({ timestamp: "2026-11-26T14:03:09.000120Z", level: "INFO", name: "say_hello", message: "Hello, Cloud!" })).toBe("2026-11-26T14:03:09.000120Z INFO     say_hello  Hello, Cloud!");
  });
});

describe("levelsFrom", () => {
  it("all levels for DEBUG or nothing", () => {
    expect(levelsFrom(undefined)).toBeNull();
    expect(levelsFrom("DEBUG")).toBeNull();
  });
  it("WARNING and above", () => expect(levelsFrom("WARNING")).toEqual(["WARNING", "ERROR", "CRITICAL"]));
});

describe("collectPages", () => {
  it("reads until a short page", async () => {
    const data = Array.from({ length: 25 }, (_, i) => i);
    const offsets: number[] = [];
    const all = await collectPages(async (offset, limit) => {
      offsets.push(offset);
      return data.slice(offset, offset + limit);
    }, 10);
    expect(all).toEqual(data);
    expect(offsets).toEqual([0, 10, 20]);
  });
  it("asks once more after an exactly full last page", async () => {
    let calls = 0;
    await collectPages(async (offset) => {
      calls++;
      return offset < 20 ? Array(10).fill(0) : [];
    }, 10);
    expect(calls).toBe(3);
  });
});
