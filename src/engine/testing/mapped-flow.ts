// Test fixture for mapping: "square" runs once per item (3 at a time) and fails on the item
// `fail_on` unless <dir>/ready exists; every execution appends its item to <dir>/ran.txt so a test
// can count them. "total" sums the children's results. No type annotations: the in-process engine
// of a test imports this file without a TypeScript transform.
import { appendFileSync, existsSync } from "node:fs";
import { join } from "node:path";
import { context, Flow, Parameter, task, unmapped } from "tern";

export const square = task((item, failOn, dir) => {
  const n = Number(item);
  appendFileSync(join(String(dir), "ran.txt"), `${n}\n`);
  if (n === failOn && !existsSync(join(String(dir), "ready"))) throw new Error(`item ${n} is not ready`);
  context.logger.info(`square of ${n} (child ${context.mapIndex})`);
  return n * n;
}, { name: "square", mapConcurrency: 3 });

export const total = task((...squares) => squares.flat().map(Number).reduce((a, b) => a + b, 0), { name: "total" });

export const flow = new Flow("engine-mapped-flow", () => {
  const dir = Parameter("dir", { required: true });
  total(square.map(Parameter("items", { default: [1, 2, 3, 4] }), unmapped(Parameter("fail_on", { default: -1 })), unmapped(dir)));
});
