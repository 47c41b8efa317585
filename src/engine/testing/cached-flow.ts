// Test fixture for task caching: "fetch_rows" (cached for an hour) appends a line to <dir>/fetched.txt
// so a test can count how often it ran; "count" logs how many rows it was given. No type annotations:
// the in-process engine of a test imports this file without a TypeScript transform.
import { appendFileSync } from "node:fs";
import { join } from "node:path";
import { context, Flow, Parameter, task } from "tern";

export const fetchRows = task((dir) => {
  appendFileSync(join(String(dir), "fetched.txt"), `${context.flowRunId}\n`);
  return { rows: [1, 2, 3] };
}, { name: "fetch_rows", cacheFor: 3_600_000 });

export const count = task((data) => {
  const { rows } = Object(data);
  context.logger.info(`Counted ${rows.length} rows`);
  return rows.length;
}, { name: "count" });

export const flow = new Flow("caching-test-flow", () => {
  count(fetchRows(Parameter("dir", { required: true })));
});
