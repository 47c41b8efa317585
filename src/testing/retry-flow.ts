// Test fixture: a task that fails twice and then succeeds, so its history shows two Retrying states.
import { context, Flow, task } from "tern";

export const flaky = task(() => {
  if (context.runCount < 3) throw new Error(`attempt ${context.runCount} failed`);
  context.logger.info(`succeeded on attempt ${context.runCount}`);
}, { name: "flaky", maxRetries: 2, retryDelay: 50 });

export const flow = new Flow("retry-flow", () => {
  flaky();
});
