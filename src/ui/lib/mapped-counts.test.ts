import { describe, expect, it } from "vitest";
import { STATE_NAMES } from "../../core/states.ts";
import { BUCKET_STATES, childCounts, describeCounts, finishedChildren, groupState } from "./mapped-counts.ts";

describe("mapped child counts", () => {
  it("puts every state in at most one counted bucket", () => {
    const counted = Object.values(BUCKET_STATES).flat();
    expect(new Set(counted).size).toBe(counted.length);
    expect(BUCKET_STATES.Failed).toContain("TriggerFailed");
    expect(BUCKET_STATES.Success).toContain("Cached");
    expect(counted).not.toContain("Pending");
    expect(counted).not.toContain("Retrying");
    expect(STATE_NAMES.filter((s) => !counted.includes(s))).toEqual(expect.arrayContaining(["Pending", "Scheduled", "Submitted"]));
  });
  it("Pending is what the counted buckets leave of the total", () => {
    const c = childCounts(10, { Success: 3, Failed: 1, Cancelled: 0, Finished: 0, Running: 2 });
    expect(c.Pending).toBe(4);
    expect(finishedChildren(c)).toBe(4);
    expect(describeCounts(c)).toBe("3 Success, 1 Failed, 2 Running, 4 Pending");
  });
  it("a group reads as failed, then running, then pending, then done", () => {
    const zero = { Success: 0, Failed: 0, Cancelled: 0, Finished: 0, Running: 0 };
    expect(groupState(childCounts(3, { ...zero, Success: 2, Failed: 1 }))).toBe("Failed");
    expect(groupState(childCounts(3, { ...zero, Success: 2, Running: 1 }))).toBe("Running");
    expect(groupState(childCounts(3, { ...zero, Success: 2 }))).toBe("Pending");
    expect(groupState(childCounts(3, { ...zero, Success: 3 }))).toBe("Success");
    expect(groupState(childCounts(0, zero))).toBe("Pending");
    expect(describeCounts(childCounts(0, zero))).toBe("no children yet");
    expect(describeCounts(childCounts(12_000, { ...zero, Success: 2000 }))).toBe("2,000 Success, 10,000 Pending");
  });
});
