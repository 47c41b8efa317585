import { currentBuilder } from "./building.ts";
import { type GraphNode, TaskRef } from "./graph.ts";

export interface ParameterOptions<T> {
  /** Value used when a run does not give one. */
  default?: T;
  /** A run must give a value (default: true when there is no default). */
  required?: boolean;
}

/**
 * A flow-run input, usable like a task result: pass it to tasks. Its value comes from the run's
 * `parameters` (or the default). The slug of a parameter is its name.
 *
 * @example
 * ```ts
 * import { Flow, Parameter, task } from "tern";
 * const greet = task((who: string) => `Hello, ${who}!`);
 * new Flow("greeting", () => {
 *   greet(Parameter("who", { default: "Cloud" }));
 * });
 * ```
 */
export function Parameter<T = unknown>(name: string, options: ParameterOptions<T> = {}): TaskRef<T> {
  if (typeof name !== "string" || !name) throw new TypeError("Parameter(name): name must be a non-empty string");
  const required = options.required ?? !("default" in options && options.default !== undefined);
  const spec: Omit<GraphNode, "slug" | "flow"> = {
    name,
    kind: "parameter",
    parameter: { name, default: options.default ?? null, required },
    args: [],
    upstream: [],
  };
  const builder = currentBuilder();
  if (builder) return new TaskRef<T>(builder.addNode(spec));
  return new TaskRef<T>({ ...spec, slug: name });
}
