import dagre from "@dagrejs/dagre";

export interface GraphNode {
  id: string;
  label: string;
  /** Box size; plain tasks default to NODE_W × NODE_H, a mapped group is bigger. */
  width?: number;
  height?: number;
}
export interface GraphEdge {
  from: string;
  to: string;
}
export interface PlacedNode extends GraphNode {
  /** Centre of the box. */
  x: number;
  y: number;
  width: number;
  height: number;
}
export interface Layout {
  /** In reading order: by layer left to right, then top to bottom (the keyboard's Tab order). */
  nodes: PlacedNode[];
  edges: { from: string; to: string; points: { x: number; y: number }[] }[];
  width: number;
  height: number;
}

export const NODE_W = 160;
export const NODE_H = 36;

/** Left-to-right layered layout of a task DAG (dagre); edges to unknown nodes are dropped. */
export function layoutGraph(nodes: readonly GraphNode[], edges: readonly GraphEdge[]): Layout {
  const g = new dagre.graphlib.Graph();
  g.setGraph({ rankdir: "LR", nodesep: 16, ranksep: 48, marginx: 16, marginy: 16 });
  g.setDefaultEdgeLabel(() => ({}));
  const ids = new Set(nodes.map((n) => n.id));
  for (const n of nodes) g.setNode(n.id, { width: n.width ?? NODE_W, height: n.height ?? NODE_H });
  const kept = edges.filter((e) => ids.has(e.from) && ids.has(e.to));
  for (const e of kept) g.setEdge(e.from, e.to);
  dagre.layout(g);
  const graph = g.graph();
  const placed = nodes.map((n) => {
    const p = g.node(n.id);
    return { ...n, x: p.x, y: p.y, width: p.width, height: p.height };
  });
  placed.sort((a, b) => a.x - b.x || a.y - b.y);
  return {
    nodes: placed,
    edges: kept.map((e) => ({ ...e, points: g.edge(e.from, e.to).points })),
    width: graph.width ?? 0,
    height: graph.height ?? 0,
  };
}
