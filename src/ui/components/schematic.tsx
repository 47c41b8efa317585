import { type KeyboardEvent, type ReactNode, useMemo, useState } from "react";
import { useNavigate } from "react-router";
import { type GraphEdge, type GraphNode, layoutGraph, type PlacedNode } from "../lib/layout-graph.ts";
import { type Direction, nearestInDirection } from "../lib/view-transform.ts";
import { type NodeDecoration, SchematicNode } from "./schematic-node.tsx";
import { Button } from "./ui/button.tsx";
import { usePanZoom } from "./use-pan-zoom.ts";

/** Past this many tasks a layered drawing gets slow (dagre) and hard to read: drawing it is opt-in. */
export const SCHEMATIC_LIMIT = 400;

const count = new Intl.NumberFormat("en-US");

/**
 * Draws its children (a schematic) only when there are at most SCHEMATIC_LIMIT tasks or the reader
 * asks: past the limit it says why and offers "Draw anyway". Nothing inside runs (no live query, no
 * layout) until then.
 */
export function SchematicSizeGate({ tasks, subject, children }: { tasks: number; subject: "run" | "flow"; children: ReactNode }) {
  const [forced, setForced] = useState(false);
  if (tasks <= SCHEMATIC_LIMIT || forced) return children;
  return (
    <div className="flex flex-wrap items-center gap-3 rounded-lg border border-dashed p-4 text-sm">
      <p>
        This {subject} has {count.format(tasks)} tasks; drawing may be slow.
      </p>
      <Button size="sm" onClick={() => setForced(true)}>
        Draw anyway
      </Button>
    </div>
  );
}

interface SchematicProps {
  /** Stable while the flow is: a new array means a new layout. */
  nodes: readonly GraphNode[];
  edges: readonly GraphEdge[];
  /** Live extras per node id; present on the run page (borders take state colours). */
  decorations?: ReadonlyMap<string, NodeDecoration>;
}

export function Schematic(props: SchematicProps) {
  if (props.nodes.length === 0) return <p className="text-sm text-muted-foreground">No tasks.</p>;
  return <SchematicCanvas {...props} />;
}

const ARROWS: Record<string, Direction> = { ArrowLeft: "left", ArrowRight: "right", ArrowUp: "up", ArrowDown: "down" };

/**
 * The drawing: fitted on load; wheel zooms at the cursor, drag pans, buttons zoom and fit. Nodes with
 * a task run are links in reading order with one Tab stop; arrow keys move between neighbours.
 */
function SchematicCanvas({ nodes, edges, decorations }: SchematicProps) {
  const layout = useMemo(() => layoutGraph(nodes, edges), [nodes, edges]);
  const { svgRef, view, fit, zoomBy, reveal, pointer, wasDrag } = usePanZoom(layout);
  const navigate = useNavigate();
  const [active, setActive] = useState<string | null>(null);
  const linked = useMemo(() => layout.nodes.filter((n) => decorations?.get(n.id)?.href), [layout, decorations]);
  const tabStop = linked.some((n) => n.id === active) ? active : (linked[0]?.id ?? null);

  const focusNode = (node: PlacedNode) => {
    const el = svgRef.current?.querySelector(`[data-node-id="${node.id}"]`);
    if (el instanceof SVGElement) el.focus();
  };
  const onArrow = (from: PlacedNode) => (e: KeyboardEvent) => {
    const direction = ARROWS[e.key];
    if (!direction) return;
    e.preventDefault();
    const next = nearestInDirection(linked, from, direction);
    if (next) focusNode(next);
  };
  return (
    <div className="relative overflow-hidden rounded-lg border bg-card">
      <div className="absolute top-2 right-2 z-10 flex gap-1">
        <Button size="icon" aria-label="Zoom in" onClick={() => zoomBy(1.25)}>
          +
        </Button>
        <Button size="icon" aria-label="Zoom out" onClick={() => zoomBy(0.8)}>
          −
        </Button>
        <Button size="sm" onClick={fit}>
          Fit
        </Button>
      </div>
      <svg
        ref={svgRef}
        role="group"
        aria-label="Task schematic"
        aria-roledescription="schematic"
        className="h-[420px] w-full cursor-grab touch-none select-none active:cursor-grabbing"
        {...pointer}
      >
        <defs>
          <marker id="arrow" viewBox="0 0 10 10" refX="10" refY="5" markerWidth="6" markerHeight="6" orient="auto-start-reverse">
            <path d="M0,0 L10,5 L0,10 z" fill="var(--muted-fg)" />
          </marker>
        </defs>
        <g transform={`translate(${view.x},${view.y}) scale(${view.k})`}>
          {layout.edges.map((e) => (
            <polyline key={`${e.from}-${e.to}`} points={e.points.map((p) => `${p.x},${p.y}`).join(" ")} fill="none" stroke="var(--muted-fg)" markerEnd="url(#arrow)" />
          ))}
          {layout.nodes.map((n) => (
            <SchematicNode
              key={n.id}
              node={n}
              deco={decorations?.get(n.id)}
              coloured={decorations !== undefined}
              tabbable={n.id === tabStop}
              onOpen={(href, e) => {
                if (e.type === "click" && wasDrag()) return;
                navigate(href);
              }}
              onKeyDown={onArrow(n)}
              onFocus={() => {
                setActive(n.id);
                reveal({ x: n.x - n.width / 2, y: n.y - n.height / 2, width: n.width, height: n.height });
              }}
            />
          ))}
        </g>
      </svg>
    </div>
  );
}
