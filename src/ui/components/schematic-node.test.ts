import { describe, expect, it } from "vitest";
import { childCounts } from "../lib/mapped-counts.ts";
import { nodeName } from "./schematic-node.tsx";

describe("nodeName", () => {
  const none = { Success: 0, Failed: 0, Cancelled: 0, Finished: 0, Running: 0 };
  it("names a plain task by label and state", () => {
    expect(nodeName("transform (2)", { state: "Running" })).toBe("transform (2): Running");
    expect(nodeName("load", undefined)).toBe("load");
  });
  it("names a mapped task by how many children finished, and how each stands", () => {
    expect(nodeName("square", { group: childCounts(12_000, { ...none, Success: 1500, Failed: 2 }) })).toBe(
      "square, mapped: 1,502 of 12,000 children finished (1,500 Success, 2 Failed, 10,498 Pending)",
    );
    expect(nodeName("square", { group: childCounts(0, none) })).toBe("square, mapped: no children yet");
  });
});
