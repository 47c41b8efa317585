import { describe, expect, it } from "vitest";
import { layoutGraph, NODE_W } from "./layout-graph.ts";

describe("layoutGraph", () => {
  it("places upstream tasks left of downstream ones", () => {
    const layout = layoutGraph(
      [
        { id: "a", label: "extract" },
        { id: "b", label: "transform" },
        { id: "c", label: "load" },
      ],
      [
        { from: "a", to: "b" },
        { from: "b", to: "c" },
      ],
    );
    const x = Object.fromEntries(layout.nodes.map((n) => [n.id, n.x]));
    expect(x.a).toBeLessThan(x.b);
    expect(x.b).toBeLessThan(x.c);
    expect(layout.edges).toHaveLength(2);
    expect(layout.width).toBeGreaterThan(0);
  });
  it("drops edges to unknown tasks", () => {
    expect(layoutGraph([{ id: "a", label: "a" }], [{ from: "a", to: "zzz" }]).edges).toEqual([]);
  });
  it("lists nodes in reading order and keeps each node's size", () => {
    const layout = layoutGraph(
      [
        { id: "load", label: "load" },
        { id: "big", label: "mapped", width: 220, height: 72 },
        { id: "extract", label: "extract" },
      ],
      [
        { from: "extract", to: "big" },
        { from: "big", to: "load" },
      ],
    );
    expect(layout.nodes.map((n) => n.id)).toEqual(["extract", "big", "load"]);
    expect(layout.nodes[1]).toMatchObject({ width: 220, height: 72 });
    expect(layout.nodes[0].width).toBe(NODE_W);
  });
});
