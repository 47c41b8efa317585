// Mapping: one child task run per file. `processFile.map(files)` runs the "process" task once per file (a few at
// a time), `publish.map(reports)` goes on element-wise, and `summarize` receives every child's result
// as one list. Run `npx tsx examples/mapped-flow.ts` to register it into the "tutorial" project.
import { context, Flow, Parameter, task, unmapped } from "tern";

export const listFiles = task(
  (count: number) => Array.from({ length: count }, (_, i) => `invoices/2026-${String(i + 1).padStart(2, "0")}.csv`),
  { name: "list_files" },
);

export const processFile = task(
  (file: string) => {
    // A stand-in for parsing the file: its line count derives from its name, so runs are repeatable.
    const lines = 100 + ([...file].reduce((sum, ch) => sum + ch.charCodeAt(0), 0) % 900);
    context.logger.info(`Parsed ${file}: ${lines} lines (child ${context.mapIndex})`);
    return { file, lines };
  },
  { name: "process", mapConcurrency: 4, maxRetries: 1, retryDelay: 100 },
);

export const publish = task(
  (report: { file: string; lines: number }, bucket: string) => {
    const url = `${bucket}/${report.file.replace(/\.csv$/, ".json")}`;
    context.logger.info(`Published ${url}`);
    return report.lines;
  },
  { name: "publish" },
);

export const summarize = task(
  (lines: number[]) => {
    const total = lines.reduce((a, b) => a + b, 0);
    context.logger.info(`${lines.length} files, ${total} lines in all`);
    return total;
  },
  { name: "summarize" },
);

export const flow = new Flow("mapped-flow", () => {
  const files = listFiles(Parameter("count", { default: 12 }));
  const reports = processFile.map(files);
  summarize(publish.map(reports, unmapped("s3://reports")));
});

await flow.register({ projectName: "tutorial" });
