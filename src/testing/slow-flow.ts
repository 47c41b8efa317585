// Test fixture: one task that runs for several seconds, longer than a short zombie timeout.
import { Flow, task } from "tern";

export const linger = task(() => new Promise((resolve) => setTimeout(resolve, 4500)), { name: "linger" });

export const flow = new Flow("slow-flow", () => {
  linger();
});
