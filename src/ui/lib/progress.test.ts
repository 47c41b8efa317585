import { describe, expect, it } from "vitest";
import { STATE_NAMES, type StateName } from "../../core/states.ts";
import { progressOf } from "./progress.ts";

const counts = (given: Partial<Record<StateName, number>>) => ({ ...Object.fromEntries(STATE_NAMES.map((s) => [s, 0])), ...given }) as Record<StateName, number>;

describe("progressOf", () => {
  it("reads finished work first, then running, then waiting", () => {
    const p = progressOf(counts({ Pending: 1, Running: 1, Failed: 1, Success: 2 }), 5);
    expect(p.finished).toBe(3);
    expect(p.segments.map((s) => s.state)).toEqual(["Success", "Failed", "Running", "Pending"]);
    expect(p.text).toBe("3 of 5 task runs finished: 2 Success, 1 Failed; 1 Running, 1 Pending");
  });
  it("counts a Mapped parent and Cancelled runs as finished", () => {
    const p = progressOf(counts({ Mapped: 1, Success: 3, Cancelled: 1 }), 5);
    expect(p.text).toBe("5 of 5 task runs finished: 3 Success, 1 Mapped, 1 Cancelled");
  });
  it("nothing finished yet", () => expect(progressOf(counts({ Pending: 2 }), 2).text).toBe("0 of 2 task runs finished: 2 Pending"));
  it("no task runs", () => expect(progressOf(counts({}), 0)).toEqual({ finished: 0, total: 0, segments: [], text: "No task runs yet." }));
});
