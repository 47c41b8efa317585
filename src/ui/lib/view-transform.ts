/** A pan/zoom view: screen = world × k + (x, y). */
export interface View {
  x: number;
  y: number;
  k: number;
}

export interface Size {
  width: number;
  height: number;
}

export const MAX_ZOOM = 4;
const MIN_ZOOM = 0.2;
const FIT_MARGIN = 16;

/** The smallest zoom allowed: 0.2, or less when that is what it takes to see a big graph whole. */
export function minZoom(content: Size, viewport: Size): number {
  return Math.min(MIN_ZOOM, fitView(content, viewport).k);
}

/** The view that shows all of `content` centred in `viewport`, never enlarged past 1:1. */
export function fitView(content: Size, viewport: Size): View {
  const room = { width: Math.max(1, viewport.width - 2 * FIT_MARGIN), height: Math.max(1, viewport.height - 2 * FIT_MARGIN) };
  const k = Math.min(1, room.width / Math.max(1, content.width), room.height / Math.max(1, content.height));
  return { k, x: (viewport.width - content.width * k) / 2, y: (viewport.height - content.height * k) / 2 };
}

/** Zooms by `factor` keeping the world point under `at` (a screen point) where it is, as maps do. */
export function zoomAt(view: View, factor: number, at: { x: number; y: number }, limits: { min: number; max: number }): View {
  const k = Math.min(limits.max, Math.max(limits.min, view.k * factor));
  const ratio = k / view.k;
  return { k, x: at.x - (at.x - view.x) * ratio, y: at.y - (at.y - view.y) * ratio };
}

/** Pans the least needed to bring a world box fully into the viewport (for a node that gets focus). */
export function panIntoView(view: View, box: { x: number; y: number; width: number; height: number }, viewport: Size): View {
  const shift = (start: number, length: number, room: number) => {
    if (start < FIT_MARGIN) return FIT_MARGIN - start;
    if (start + length > room - FIT_MARGIN) return Math.max(FIT_MARGIN - start, room - FIT_MARGIN - (start + length));
    return 0;
  };
  const left = box.x * view.k + view.x;
  const top = box.y * view.k + view.y;
  return { ...view, x: view.x + shift(left, box.width * view.k, viewport.width), y: view.y + shift(top, box.height * view.k, viewport.height) };
}

export type Direction = "left" | "right" | "up" | "down";

/**
 * The point nearest to `from` in a direction, for arrow-key moves between nodes: only points on that
 * side count, and straying sideways costs double, so Right prefers the next node on the same row.
 */
export function nearestInDirection<T extends { x: number; y: number }>(points: readonly T[], from: T, direction: Direction): T | undefined {
  let best: T | undefined;
  let bestCost = Number.POSITIVE_INFINITY;
  for (const p of points) {
    if (p === from) continue;
    const dx = p.x - from.x;
    const dy = p.y - from.y;
    const [ahead, aside] = direction === "right" ? [dx, dy] : direction === "left" ? [-dx, dy] : direction === "down" ? [dy, dx] : [-dy, dx];
    if (ahead <= 0) continue;
    const cost = ahead + 2 * Math.abs(aside);
    if (cost < bestCost) {
      bestCost = cost;
      best = p;
    }
  }
  return best;
}
