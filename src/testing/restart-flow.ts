// Test fixture for restart from failed: "produce" appends a line to <dir>/produced.txt (so a test can
// count how often it ran) and returns which execution it was (with a function in it when the
// `unstorable` parameter is true, so the result store refuses it); "consume" fails unless <dir>/ready
// exists, and writes the value it was given to <dir>/consumed.json. No type annotations: the
// in-process engine of a test imports this file without a TypeScript transform.
import { appendFileSync, existsSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { context, Flow, Parameter, task } from "tern";

export const produce = task((dir, unstorable) => {
  const file = join(String(dir), "produced.txt");
  appendFileSync(file, `${context.flowRunId}\n`);
  const result = { execution: readFileSync(file, "utf8").split("\n").filter(Boolean).length, rows: [1, 2, 3] };
  return unstorable ? { ...result, describe: () => "rows" } : result;
}, { name: "produce" });

export const consume = task((data, dir) => {
  if (!existsSync(join(String(dir), "ready"))) throw new Error("not ready yet: the marker file is missing");
  writeFileSync(join(String(dir), "consumed.json"), JSON.stringify(data));
  context.logger.info(`consumed ${JSON.stringify(data)}`);
}, { name: "consume" });

export const flow = new Flow("restart-flow", () => {
  const dir = Parameter("dir", { required: true });
  consume(produce(dir, Parameter("unstorable", { default: false })), dir);
});
