// Extract → transform (fanned out per batch) → load, with parameters and a task that retries.
import { context, Flow, Parameter, task } from "tern";

export const extract = task(
  (count: number) => {
    // A source that fails on its first attempt in each run, to show retries in the run's history.
    if (context.runCount === 1) throw new Error("source temporarily unavailable");
    return Array.from({ length: count }, (_, i) => i + 1);
  },
  { name: "extract", maxRetries: 2, retryDelay: 100 },
);

export const transform = task(
  (rows: number[], part: number, parts: number) => rows.filter((_, i) => i % parts === part).map((r) => r * 10),
  { name: "transform" },
);

export const load = task(
  (batches: number[][]) => {
    const total = batches.flat().reduce((a, b) => a + b, 0);
    context.logger.info(`Loaded ${batches.flat().length} rows, total ${total}`);
    return total;
  },
  { name: "load" },
);

export const flow = new Flow("etl-flow", () => {
  const count = Parameter("count", { default: 6 });
  const rows = extract(count);
  const parts = 3;
  load(Array.from({ length: parts }, (_, part) => transform(rows, part, parts)));
});

await flow.register({ projectName: "tutorial" });
