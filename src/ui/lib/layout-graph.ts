import dagre from "@dagrejs/dagre";

export interface GraphNode {
  id: string;
  label: string;
}
export interface GraphEdge {
  from: string;
  to: string;
}
export interface PlacedNode extends GraphNode {
  x: number;
  y: number;
}
export interface Layout {
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
  for (const n of nodes) g.setNode(n.id, { width: NODE_W, height: NODE_H });
  const kept = edges.filter((e) => ids.has(e.from) && ids.has(e.to));
  for (const e of kept) g.setEdge(e.from, e.to);
  dagre.layout(g);
  const graph = g.graph();
  return {
    nodes: nodes.map((n) => {
      const p = g.node(n.id);
      return { ...n, x: p.x, y: p.y };
    }),
    edges: kept.map((e) => ({ ...e, points: g.edge(e.from, e.to).points })),
    width: graph.width ?? 0,
    height: graph.height ?? 0,
  };
}
