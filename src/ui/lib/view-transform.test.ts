import { describe, expect, it } from "vitest";
import { fitView, minZoom, nearestInDirection, panIntoView, zoomAt } from "./view-transform.ts";

describe("fitView", () => {
  it("centres small content at 1:1", () => {
    expect(fitView({ width: 100, height: 50 }, { width: 500, height: 250 })).toEqual({ k: 1, x: 200, y: 100 });
  });
  it("shrinks wide content to fit inside the margins", () => {
    const v = fitView({ width: 2000, height: 100 }, { width: 532, height: 400 });
    expect(v.k).toBeCloseTo(0.25);
    expect(v.x).toBeCloseTo(16);
    expect(minZoom({ width: 20000, height: 100 }, { width: 532, height: 400 })).toBeCloseTo(0.025);
  });
});

describe("zoomAt", () => {
  it("keeps the world point under the cursor in place", () => {
    const view = { x: 10, y: 20, k: 1 };
    const at = { x: 110, y: 70 };
    const worldBefore = { x: (at.x - view.x) / view.k, y: (at.y - view.y) / view.k };
    const next = zoomAt(view, 2, at, { min: 0.2, max: 4 });
    expect(next.k).toBe(2);
    expect((at.x - next.x) / next.k).toBeCloseTo(worldBefore.x);
    expect((at.y - next.y) / next.k).toBeCloseTo(worldBefore.y);
  });
  it("stops at the limits", () => {
    expect(zoomAt({ x: 0, y: 0, k: 3 }, 10, { x: 0, y: 0 }, { min: 0.2, max: 4 }).k).toBe(4);
  });
});

describe("panIntoView", () => {
  it("leaves a visible box alone and pulls an off-screen one in", () => {
    const view = { x: 0, y: 0, k: 1 };
    expect(panIntoView(view, { x: 50, y: 50, width: 100, height: 30 }, { width: 500, height: 300 })).toEqual(view);
    const moved = panIntoView(view, { x: 900, y: 50, width: 100, height: 30 }, { width: 500, height: 300 });
    expect(moved.x).toBe(500 - 16 - 1000);
    expect(moved.y).toBe(0);
  });
});

describe("nearestInDirection", () => {
  const a = { x: 0, y: 0 };
  const b = { x: 100, y: 0 };
  const c = { x: 100, y: 60 };
  const d = { x: 200, y: 0 };
  const points = [a, b, c, d];
  it("moves to the next point on the same row first", () => {
    expect(nearestInDirection(points, a, "right")).toBe(b);
    expect(nearestInDirection(points, b, "right")).toBe(d);
    expect(nearestInDirection(points, b, "down")).toBe(c);
    expect(nearestInDirection(points, c, "up")).toBe(b);
    expect(nearestInDirection(points, b, "left")).toBe(a);
  });
  it("finds nothing past the edge", () => {
    expect(nearestInDirection(points, d, "right")).toBeUndefined();
  });
});
