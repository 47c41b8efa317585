import { describe, expect, it } from "vitest";
import { grantStreams } from "./stream-budget.ts";

describe("grantStreams", () => {
  it("shares one stream between users of the same key", () => {
    const granted = grantStreams(
      [
        { key: "agents", priority: 0, seq: 1 },
        { key: "agents", priority: 0, seq: 2 },
        { key: "runs", priority: 0, seq: 3 },
      ],
      2,
    );
    expect([...granted].sort()).toEqual(["agents", "runs"]);
  });
  it("gives the budget to higher priority, then to the earliest", () => {
    const granted = grantStreams(
      [
        { key: "a", priority: 0, seq: 1 },
        { key: "b", priority: 0, seq: 2 },
        { key: "c", priority: 5, seq: 3 },
        { key: "d", priority: -1, seq: 0 },
      ],
      2,
    );
    expect([...granted].sort()).toEqual(["a", "c"]);
  });
});
