import { describe, expect, it } from "vitest";
import { isMappedParent, mappedChildrenWhere } from "./mapped.ts";

describe("isMappedParent", () => {
  it("a Mapped parent, or the parent of a task registered as mapped", () => {
    expect(isMappedParent({ map_index: -1, state: "Mapped" })).toBe(true);
    expect(isMappedParent({ map_index: -1, state: "Pending", task: { mapped: true } })).toBe(true);
  });
  it("neither a child nor a plain task", () => {
    expect(isMappedParent({ map_index: 3, state: "Mapped", task: { mapped: true } })).toBe(false);
    expect(isMappedParent({ map_index: -1, state: "Success", task: { mapped: false } })).toBe(false);
  });
});

it("mappedChildrenWhere: the same task, map_index from 0", () => {
  expect(mappedChildrenWhere("t")).toEqual({ task_id: { _eq: "t" }, map_index: { _gte: 0 } });
});
