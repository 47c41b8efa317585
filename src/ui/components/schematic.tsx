import { type PointerEvent, useMemo, useRef, useState, type WheelEvent } from "react";
import { graphql } from "../../core/gql/gql.ts";
import type { Schematic_FlowFragment } from "../../core/gql/graphql.ts";
import { type GraphEdge, type GraphNode, layoutGraph, NODE_H, NODE_W } from "../lib/layout-graph.ts";
import { stateColor } from "../lib/states.ts";
import { Button } from "./ui/button.tsx";

/** What a schematic needs of a flow; the flow page and the run page spread it into their queries. */
export const SchematicFlow = graphql(`
  fragment Schematic_flow on flow {
    tasks {
      id
      name
    }
    edges {
      upstream_task_id
      downstream_task_id
    }
  }
`);

/** A flow's tasks and edges as the schematic's nodes and edges (stable while the flow is). */
export function useFlowGraph(flow: Schematic_FlowFragment | null | undefined) {
  const nodes = useMemo(() => (flow?.tasks ?? []).map((t) => ({ id: t.id, label: t.name ?? t.id })), [flow?.tasks]);
  const edges = useMemo(() => (flow?.edges ?? []).map((e) => ({ from: e.upstream_task_id, to: e.downstream_task_id })), [flow?.edges]);
  return { nodes, edges };
}

/** Past this many tasks a layered drawing stops being readable (and dagre slows down). */
export const SCHEMATIC_LIMIT = 400;

/** The task DAG in SVG: drag to pan, wheel or buttons to zoom; nodes coloured by state when known. */
export function Schematic({ nodes, edges, states }: { nodes: readonly GraphNode[]; edges: readonly GraphEdge[]; states?: ReadonlyMap<string, string | null> }) {
  const layout = useMemo(() => (nodes.length > SCHEMATIC_LIMIT ? null : layoutGraph(nodes, edges)), [nodes, edges]);
  const [view, setView] = useState({ x: 0, y: 0, k: 1 });
  const drag = useRef<{ x: number; y: number } | null>(null);
  if (!layout) return <p className="text-sm text-muted-foreground">This flow has {nodes.length} tasks: too many to draw. Use the task table.</p>;
  if (nodes.length === 0) return <p className="text-sm text-muted-foreground">No tasks.</p>;
  const zoom = (factor: number) => setView((v) => ({ ...v, k: Math.min(4, Math.max(0.2, v.k * factor)) }));
  const onWheel = (e: WheelEvent) => zoom(e.deltaY < 0 ? 1.1 : 1 / 1.1);
  const onDown = (e: PointerEvent) => {
    drag.current = { x: e.clientX, y: e.clientY };
    (e.target as Element).setPointerCapture?.(e.pointerId);
  };
  const onMove = (e: PointerEvent) => {
    if (!drag.current) return;
    const dx = e.clientX - drag.current.x;
    const dy = e.clientY - drag.current.y;
    drag.current = { x: e.clientX, y: e.clientY };
    setView((v) => ({ ...v, x: v.x + dx, y: v.y + dy }));
  };
  return (
    <div className="relative overflow-hidden rounded-lg border bg-card">
      <div className="absolute top-2 right-2 z-10 flex gap-1">
        <Button size="icon" aria-label="Zoom in" onClick={() => zoom(1.25)}>
          +
        </Button>
        <Button size="icon" aria-label="Zoom out" onClick={() => zoom(0.8)}>
          −
        </Button>
        <Button size="sm" aria-label="Reset view" onClick={() => setView({ x: 0, y: 0, k: 1 })}>
          Reset
        </Button>
      </div>
      <svg
        role="img"
        aria-label="Task schematic"
        className="h-[420px] w-full cursor-grab touch-none select-none active:cursor-grabbing"
        onWheel={onWheel}
        onPointerDown={onDown}
        onPointerMove={onMove}
        onPointerUp={() => (drag.current = null)}
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
          {layout.nodes.map((n) => {
            const state = states?.get(n.id);
            return (
              <g key={n.id} transform={`translate(${n.x - NODE_W / 2},${n.y - NODE_H / 2})`}>
                <title>{`${n.label}${state ? `: ${state}` : ""}`}</title>
                <rect width={NODE_W} height={NODE_H} rx={6} fill="var(--card)" stroke={states ? stateColor(state) : "var(--border)"} strokeWidth={states ? 3 : 1} />
                <text x={10} y={NODE_H / 2 + 4} fontSize={12} fill="var(--fg)">
                  {n.label.length > 20 ? `${n.label.slice(0, 19)}…` : n.label}
                </text>
              </g>
            );
          })}
        </g>
      </svg>
    </div>
  );
}
