// Test and bench fixture: a trivial task mapped over `count` items (10,000 in the scale test). No type
// annotations: the in-process engine of a test imports this file without a TypeScript transform.
import { Flow, Parameter, task } from "tern";

export const range = task((count) => Array.from({ length: Number(count) }, (_, i) => i), { name: "range" });
export const same = task((n) => n, { name: "same" });

export const flow = new Flow("big-map-flow", () => {
  same.map(range(Parameter("count", { default: 10 })));
});
