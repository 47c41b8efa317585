import { type PointerEvent, useCallback, useEffect, useLayoutEffect, useRef, useState } from "react";
import { fitView, MAX_ZOOM, minZoom, panIntoView, type Size, type View, zoomAt } from "../lib/view-transform.ts";

/** A pointer that moves less than this between down and up is a click, not a drag. */
const DRAG_THRESHOLD = 4;

/**
 * Pan and zoom for an SVG drawing of `content` size: fits it on load (and whenever the drawing
 * changes), zooms at the cursor on wheel, pans on drag. A drag never ends in a click on what is under it.
 */
export function usePanZoom(content: Size) {
  const svgRef = useRef<SVGSVGElement>(null);
  const [view, setView] = useState<View>({ x: 0, y: 0, k: 1 });
  const drag = useRef<{ x: number; y: number; moved: boolean } | null>(null);
  const { width, height } = content;

  const viewport = useCallback((): Size => {
    const r = svgRef.current?.getBoundingClientRect();
    return { width: r?.width ?? 0, height: r?.height ?? 0 };
  }, []);
  const limits = useCallback(() => ({ min: minZoom({ width, height }, viewport()), max: MAX_ZOOM }), [width, height, viewport]);
  const fit = useCallback(() => setView(fitView({ width, height }, viewport())), [width, height, viewport]);
  useLayoutEffect(fit, [fit]);

  // React's wheel listener is passive, so it cannot stop the page scrolling: listen natively.
  useEffect(() => {
    const svg = svgRef.current;
    if (!svg) return;
    const onWheel = (e: globalThis.WheelEvent) => {
      e.preventDefault();
      const r = svg.getBoundingClientRect();
      const pixels = e.deltaY * (e.deltaMode === 1 ? 16 : 1);
      setView((v) => zoomAt(v, Math.exp(-pixels * 0.0015), { x: e.clientX - r.left, y: e.clientY - r.top }, limits()));
    };
    svg.addEventListener("wheel", onWheel, { passive: false });
    return () => svg.removeEventListener("wheel", onWheel);
  }, [limits]);

  const zoomBy = (factor: number) => {
    const { width: w, height: h } = viewport();
    setView((v) => zoomAt(v, factor, { x: w / 2, y: h / 2 }, limits()));
  };
  const reveal = (box: { x: number; y: number; width: number; height: number }) => setView((v) => panIntoView(v, box, viewport()));

  const pointer = {
    onPointerDown: (e: PointerEvent<SVGSVGElement>) => {
      if (e.button === 0) drag.current = { x: e.clientX, y: e.clientY, moved: false };
    },
    onPointerMove: (e: PointerEvent<SVGSVGElement>) => {
      const d = drag.current;
      if (!d) return;
      const dx = e.clientX - d.x;
      const dy = e.clientY - d.y;
      if (!d.moved) {
        if (Math.hypot(dx, dy) < DRAG_THRESHOLD) return;
        d.moved = true;
        e.currentTarget.setPointerCapture?.(e.pointerId);
      }
      drag.current = { x: e.clientX, y: e.clientY, moved: true };
      setView((v) => ({ ...v, x: v.x + dx, y: v.y + dy }));
    },
    onPointerUp: () => {
      // Kept until the click that follows this pointerup has been seen (and swallowed) by `wasDrag`.
      if (drag.current && !drag.current.moved) drag.current = null;
    },
    onPointerCancel: () => {
      drag.current = null;
    },
  };
  /** True (once) when the click being handled ends a drag. */
  const wasDrag = () => {
    const moved = drag.current?.moved === true;
    drag.current = null;
    return moved;
  };
  return { svgRef, view, fit, zoomBy, reveal, pointer, wasDrag };
}
