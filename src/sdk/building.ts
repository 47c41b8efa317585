import type { GraphNode } from "./graph.ts";

/** What a flow under construction exposes to task calls made inside its build function. */
export interface FlowBuilder {
  addNode(node: Omit<GraphNode, "slug" | "flow">): GraphNode;
  /** Parameters may be declared outside the build and used inside it: the flow adopts them. */
  adopt(node: GraphNode): void;
}

// A global stack so nested module copies agree on which flow is being built.
const KEY = Symbol.for("tern.sdk.buildStack");
const g = globalThis as unknown as Record<symbol, FlowBuilder[] | undefined>;
const stack: FlowBuilder[] = (g[KEY] ??= []);

export function currentBuilder(): FlowBuilder | undefined {
  return stack[stack.length - 1];
}

/** Runs `build` with `builder` as the flow that task calls attach to. */
export function withBuilder<T>(builder: FlowBuilder, build: () => T): T {
  stack.push(builder);
  try {
    return build();
  } finally {
    stack.pop();
  }
}
