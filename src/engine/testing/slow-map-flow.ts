// Test fixture: a mapped task whose children each wait `ms` (two at a time), so a test can cancel
// the run while some children run and others wait. No type annotations: the in-process engine of a
// test imports this file without a TypeScript transform.
import { Flow, Parameter, task, unmapped } from "tern";

export const nap = task((item, ms) => new Promise((resolve) => setTimeout(() => resolve(item), Number(ms))), { name: "nap", mapConcurrency: 2 });

export const flow = new Flow("slow-map-flow", () => {
  nap.map(Parameter("items", { default: [1, 2, 3, 4, 5, 6, 7, 8] }), unmapped(Parameter("ms", { default: 400 })));
});
