// The engine's warm-up flow (see warm-up.ts): a three-task chain in a file of its own, imported the
// way a user's flow file is (through loadFlow, with `import … from "tern"`), so that a warm engine's
// first run does not pay for the first import of a flow file. No register() call: nothing leaves
// the process. Written without type annotations (the parameters' types come from their defaults):
// the file is also valid JavaScript, which a test runner that does not treat `file.ts?v=…` as
// TypeScript can load.
import { context, Flow, task } from "tern";

function double(rows = [0]) {
  return rows.map((r) => r * 2);
}

function count(rows = [0]) {
  context.logger.info(`${rows.length} rows`);
  return rows.length;
}

const extract = task(() => [1, 2, 3], { name: "warm-up-extract" });
const transform = task(double, { name: "warm-up-transform" });
const load = task(count, { name: "warm-up-load" });

export const flow = new Flow("tern-engine-warm-up", () => {
  load(transform(extract()));
});
