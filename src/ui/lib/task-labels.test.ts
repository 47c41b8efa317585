import { describe, expect, it } from "vitest";
import { taskLabels } from "./task-labels.ts";

describe("taskLabels", () => {
  it("keeps unique names and numbers repeated ones in slug order", () => {
    const labels = taskLabels([
      { id: "c", name: "transform", slug: "transform-10" },
      { id: "a", name: "extract", slug: "extract-1" },
      { id: "b", name: "transform", slug: "transform-2" },
    ]);
    expect(Object.fromEntries(labels)).toEqual({ a: "extract", b: "transform (1)", c: "transform (2)" });
  });
  it("falls back to the slug, then the id, when a task has no name", () => {
    const labels = taskLabels([
      { id: "x", name: null, slug: "step-1" },
      { id: "y", name: "" },
    ]);
    expect(Object.fromEntries(labels)).toEqual({ x: "step-1", y: "y" });
  });
});
