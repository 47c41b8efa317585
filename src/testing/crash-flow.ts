// Test fixture: flow code that prints (captured into run logs) and then kills its own process.
import { Flow, task } from "tern";

export const crash = task(() => {
  console.log("about to crash");
  process.exit(3);
}, { name: "crash" });

export const flow = new Flow("crash-flow", () => {
  crash();
});
