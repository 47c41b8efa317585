// Test fixture: a flow file whose top-level code notes each import of it (in the file
// TERN_TEST_IMPORTS names, one line per import with the importing process's pid) and prints, as a
// user's file may: a warm engine that preloads it imports it once, and the print is no run's log line.
import { appendFileSync } from "node:fs";
import { context, Flow, task } from "tern";

if (process.env.TERN_TEST_IMPORTS) appendFileSync(process.env.TERN_TEST_IMPORTS, `${process.pid}\n`);
console.log("top-level output of preload-flow");

export const hello = task(() => context.logger.info("the task ran"), { name: "hello" });

export const flow = new Flow("preload-flow", () => {
  hello();
});
