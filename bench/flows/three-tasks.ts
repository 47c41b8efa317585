// The throughput bench's flow: three small tasks in a chain, each passing its result on, one log line.
// Registered by the bench itself (no register() call here), so importing it has no side effects.
import { context, Flow, task } from "tern";

export const extract = task(() => [1, 2, 3], { name: "extract" });

export const transform = task((rows: number[]) => rows.map((r) => r * 10), { name: "transform" });

export const load = task(
  (rows: number[]) => {
    context.logger.info(`Loaded ${rows.length} rows`);
    return rows.length;
  },
  { name: "load" },
);

export const flow = new Flow("bench-three-tasks", () => {
  load(transform(extract()));
});
