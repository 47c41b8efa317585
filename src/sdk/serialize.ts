import { hostname } from "node:os";
import type { Flow } from "./flow.ts";
import type { GraphNode } from "./graph.ts";
import { isMappedEdge } from "./mapping.ts";
import type { SerializedSchedule } from "./schedules.ts";
import { TRIGGER_FN } from "./triggers.ts";

export const SDK_VERSION = "0.1.0";

export interface SerializedTask {
  slug: string;
  name: string;
  type: string;
  max_retries: number;
  /** Seconds, as Prefect serializes a timedelta. */
  retry_delay: number | null;
  /** Seconds (rounded up). */
  timeout: number | null;
  trigger: { fn: string; kwargs: Record<string, never> };
  tags: string[];
  inputs: Record<string, never>;
  outputs: string;
  /** Made by `.map(…)`: its runs are a Mapped parent and one child per item (absent otherwise). */
  mapped?: true;
  auto_generated: boolean;
  skip_on_upstream_skip: boolean;
  /** Seconds a cached result stays valid (`cacheFor`), as Prefect serializes a timedelta. */
  cache_for: number | null;
  cache_key: null;
  __version__: string;
}

export interface SerializedParameter {
  name: string;
  slug: string;
  required: boolean;
  default: unknown;
  type: string;
  __version__: string;
}

export interface SerializedFlow {
  type: "tern.Flow";
  __version__: string;
  name: string;
  description: string | null;
  parameters: SerializedParameter[];
  reference_tasks: { slug: string }[];
  schedule: SerializedSchedule | null;
  run_config: { type: "UniversalRun"; labels: string[]; env: null; __version__: string };
  storage: Record<string, unknown>;
  tasks: SerializedTask[];
  edges: { upstream_task: { slug: string }; downstream_task: { slug: string }; key: string | null; mapped: boolean; flattened: boolean }[];
}

function serializeTask(n: GraphNode): SerializedTask {
  const t = n.task;
  return {
    slug: n.slug,
    name: n.name,
    type: n.kind === "parameter" ? "tern.Parameter" : "tern.FunctionTask",
    max_retries: t?.maxRetries ?? 0,
    retry_delay: t && t.maxRetries > 0 ? t.retryDelay / 1000 : null,
    timeout: t?.timeout !== undefined ? Math.ceil(t.timeout / 1000) : null,
    trigger: { fn: `tern.triggers.${TRIGGER_FN[t?.trigger ?? "allSuccessful"]}`, kwargs: {} },
    tags: t?.tags ?? [],
    inputs: {},
    outputs: "any",
    ...(n.mapped ? { mapped: true as const } : {}),
    auto_generated: false,
    skip_on_upstream_skip: true,
    cache_for: t?.cache ? t.cache.cacheFor / 1000 : null,
    cache_key: null,
    __version__: SDK_VERSION,
  };
}

/** Agent labels for a flow: explicit ones, or the hostname for Local storage (its file is only here). */
export function defaultLabels(flow: Flow, labels?: string[]): string[] {
  if (labels) return [...labels];
  const base = [...flow.labels];
  if (!flow.storage || flow.storage.type === "Local") base.push(hostname());
  return [...new Set(base)];
}

export function serializeFlow(flow: Flow, options: { labels?: string[] }): SerializedFlow {
  const storage = flow.storage ?? { type: "Local" as const, path: flow.sourceFile ?? "" };
  const reference = flow.referenceTasks();
  return {
    type: "tern.Flow",
    __version__: SDK_VERSION,
    name: flow.name,
    description: flow.description ?? null,
    parameters: flow.parameters().map((p) => ({
      name: p.name,
      slug: p.slug,
      required: p.parameter!.required,
      default: p.parameter!.default ?? null,
      type: "tern.Parameter",
      __version__: SDK_VERSION,
    })),
    // Empty means "every terminal task", as in Prefect; an explicit choice is written out.
    reference_tasks: flow.hasExplicitReferenceTasks ? reference.map((n) => ({ slug: n.slug })) : [],
    schedule: flow.schedule?.serialize() ?? null,
    run_config: { type: "UniversalRun", labels: defaultLabels(flow, options.labels), env: null, __version__: SDK_VERSION },
    storage: { ...storage, flow_name: flow.name, __version__: SDK_VERSION },
    tasks: flow.nodes.map(serializeTask),
    edges: flow.edges.map((e) => ({ upstream_task: { slug: e.upstream.slug }, downstream_task: { slug: e.downstream.slug }, key: e.key, mapped: isMappedEdge(e), flattened: false })),
  };
}

/** JSON with sorted keys, so equal flows hash equally whatever the insertion order. */
export function stableStringify(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(stableStringify).join(",")}]`;
  if (value && typeof value === "object") {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${stableStringify(v)}`).join(",")}}`;
  }
  return JSON.stringify(value ?? null);
}
