// Test fixture: each run appends its flow run id to $TERN_TEST_APPEND_FILE, so a test can count how
// many times each run really executed.
import { appendFileSync } from "node:fs";
import { context, Flow, task } from "tern";

export const record = task(() => {
  appendFileSync(process.env.TERN_TEST_APPEND_FILE!, `${context.flowRunId}\n`);
}, { name: "record" });

export const flow = new Flow("append-flow", () => {
  record();
});
