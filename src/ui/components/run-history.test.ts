import { describe, expect, it } from "vitest";
import { historySummary } from "./run-history.tsx";

describe("historySummary", () => {
  it("counts runs by state, most first", () => {
    expect(historySummary([{ state: "Failed" }, { state: "Success" }, { state: "Success" }, { state: null }])).toBe("4 runs: 2 Success, 1 Failed, 1 no state");
    expect(historySummary([{ state: "Running" }])).toBe("1 run: 1 Running");
  });
});
