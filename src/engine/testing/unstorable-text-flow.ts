// Test fixture: a task that logs a line cut in the middle of an emoji (leaving a lone surrogate) and
// then fails with an error whose message ends the same way. No type annotations: the in-process
// engine of a test imports this file without a TypeScript transform.
import { context, Flow, task } from "tern";

export const cut = task(() => {
  context.logger.info("cut 🙂".slice(0, 5));
  context.logger.info("the line after");
  throw new Error("failed at 🙂".slice(0, 11));
}, { name: "cut" });

export const flow = new Flow("unstorable-text-flow", () => {
  cut();
});
