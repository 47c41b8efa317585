// Test fixture: three tasks in a chain, the middle one waiting `pause` ms (a parameter), the last one
// logging a line: the engine's batching of task states is checked against it. No type annotations:
// the in-process engine of a test imports this file without a TypeScript transform.
import { context, Flow, Parameter, task } from "tern";

export const first = task(() => 1, { name: "first" });

export const middle = task(async (...args) => {
  const [value, pause] = args.map(Number);
  if (pause > 0) await new Promise((resolve) => setTimeout(resolve, pause));
  return value + 1;
}, { name: "middle" });

export const last = task((...args) => {
  const [value] = args;
  context.logger.info(`Chain ended at ${value}`);
  return value;
}, { name: "last" });

export const flow = new Flow("chain-flow", () => {
  const pause = Parameter("pause", { default: 0 });
  last(middle(first(), pause));
});
