// Test fixture: one task that sleeps a little over a second, long enough to press Ctrl-C while it runs.
import { Flow, task } from "tern";

export const nap = task(() => new Promise((resolve) => setTimeout(resolve, 1500)), { name: "nap" });

export const flow = new Flow("sleep-flow", () => {
  nap();
});
