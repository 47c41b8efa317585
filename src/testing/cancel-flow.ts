// Test fixture: a task that waits long enough to be cancelled, then a task that must never start.
import { Flow, task } from "tern";

export const wait = task(() => new Promise((resolve) => setTimeout(resolve, 30_000)), { name: "wait" });
export const after = task(() => "too late", { name: "after" });

export const flow = new Flow("cancel-flow", () => {
  after.with({ upstream: [wait()] })();
});
