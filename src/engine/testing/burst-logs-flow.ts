// Test fixture: one task logs "line 1" … "line 50" in one go and returns at once, so every line is
// still queued when the run ends and travels in the engine's final write (with the final states).
import { context, Flow, task } from "tern";

export const BURST_LINES = 50;

const burst = task(
  () => {
    for (let i = 1; i <= BURST_LINES; i++) context.logger.info(`line ${i}`);
  },
  { name: "burst" },
);

export const flow = new Flow("burst-logs", () => {
  burst();
});
