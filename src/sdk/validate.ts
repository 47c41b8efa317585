import type { Flow } from "./flow.ts";
import { isPlainObject } from "./graph.ts";

export interface ValidationResult {
  errors: string[];
  warnings: string[];
}

/** See `Flow.validate`. Each message names the flow and the task so the fix is obvious. */
export function validateFlow(flow: Flow, options: { parameters?: Record<string, unknown> }): ValidationResult {
  const errors: string[] = [];
  const warnings: string[] = [];

  for (const { node, usedBy } of flow.foreignNodes) {
    errors.push(
      node.flow === undefined
        ? `Task "${node.name}" (used by "${usedBy.slug}") was called outside any flow; call it inside the build function of new Flow("${flow.name}", …).`
        : `Task "${node.slug}" (used by "${usedBy.slug}") belongs to another flow; call the task again inside flow "${flow.name}".`,
    );
  }

  const slugs = new Map<string, number>();
  for (const n of flow.nodes) slugs.set(n.slug, (slugs.get(n.slug) ?? 0) + 1);
  for (const [slug, count] of slugs) {
    if (count > 1) {
      const params = flow.nodes.filter((n) => n.slug === slug && n.kind === "parameter").length;
      errors.push(
        params === count
          ? `Parameter "${slug}" is declared ${count} times; declare it once and pass the same reference to every task.`
          : `Two tasks would both have the slug "${slug}"; rename the task or the parameter.`,
      );
    }
  }

  const cycle = findCycle(flow);
  if (cycle) errors.push(`The flow has a cycle: ${cycle.join(" → ")}. Tasks must form a DAG.`);

  for (const p of flow.parameters()) {
    const def = p.parameter!;
    const problem = jsonProblem(def.default, `default of parameter "${p.name}"`);
    if (problem) errors.push(problem);
    const given = options.parameters && Object.hasOwn(options.parameters, p.name);
    if (def.required && (def.default === null || def.default === undefined) && !given) {
      const message = `Parameter "${p.name}" is required and has no default; give it a value when creating a run.`;
      if (options.parameters) errors.push(message);
      else warnings.push(message);
    }
  }
  if (flow.schedule) {
    // A scheduled run has only the flow's defaults and its clock's own values (Prefect refuses the same).
    for (const p of flow.parameters()) {
      const def = p.parameter!;
      if (!def.required || (def.default !== null && def.default !== undefined)) continue;
      if (flow.schedule.clocks.some((clock) => !Object.hasOwn(clock.parameter_defaults, p.name))) {
        errors.push(`Parameter "${p.name}" is required and has no default, so scheduled runs could not start; give it a default or pass it in the schedule's parameters.`);
      }
    }
    for (const clock of flow.schedule.clocks) {
      const problem = jsonProblem(clock.parameter_defaults, "the schedule's parameters");
      if (problem) errors.push(problem);
    }
  }
  if (options.parameters) {
    for (const [k, v] of Object.entries(options.parameters)) {
      const problem = jsonProblem(v, `value of parameter "${k}"`);
      if (problem) errors.push(problem);
    }
  }

  if (flow.nodes.length === 0) warnings.push(`Flow "${flow.name}" has no tasks.`);
  if (!flow.storage && !flow.sourceFile) errors.push(`Cannot tell which file defines flow "${flow.name}"; pass { storage: Local(import.meta.filename) }.`);
  return { errors, warnings };
}

/** A cycle as a list of slugs (first repeated at the end), or undefined. */
function findCycle(flow: Flow): string[] | undefined {
  const downstream = new Map<string, string[]>();
  for (const e of flow.edges) downstream.set(e.upstream.slug, [...(downstream.get(e.upstream.slug) ?? []), e.downstream.slug]);
  const state = new Map<string, "visiting" | "done">();
  const path: string[] = [];
  const visit = (slug: string): string[] | undefined => {
    if (state.get(slug) === "done") return undefined;
    if (state.get(slug) === "visiting") return [...path.slice(path.indexOf(slug)), slug];
    state.set(slug, "visiting");
    path.push(slug);
    for (const next of downstream.get(slug) ?? []) {
      const found = visit(next);
      if (found) return found;
    }
    path.pop();
    state.set(slug, "done");
    return undefined;
  };
  for (const n of flow.nodes) {
    const found = visit(n.slug);
    if (found) return found;
  }
  return undefined;
}

/** Why a value would not survive JSON unchanged, or undefined if it would. */
export function jsonProblem(value: unknown, what: string, path = ""): string | undefined {
  const where = path ? `${what} at ${path}` : what;
  if (value === null || typeof value === "string" || typeof value === "boolean") return undefined;
  if (typeof value === "number") return Number.isFinite(value) ? undefined : `The ${where} is ${value}, which JSON cannot hold.`;
  if (value === undefined) return path ? `The ${where} is undefined, which JSON drops; use null.` : undefined;
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      const p = jsonProblem(value[i], what, `${path}[${i}]`);
      if (p) return p;
    }
    return undefined;
  }
  if (isPlainObject(value)) {
    for (const [k, v] of Object.entries(value)) {
      const p = jsonProblem(v, what, path ? `${path}.${k}` : k);
      if (p) return p;
    }
    return undefined;
  }
  const kind = typeof value === "object" ? (value as object).constructor?.name ?? "object" : typeof value;
  return `The ${where} is a ${kind}, which cannot be serialized to JSON; use plain data (strings, numbers, arrays, objects).`;
}
