// E2E fixture: a task that runs far longer than the journey, with two tasks downstream of it, so the
// run can be cancelled while one task is Running and the others have not started.
import { Flow, task } from "tern";

export const crunch = task(() => new Promise((resolve) => setTimeout(resolve, 10 * 60_000)), { name: "crunch" });
export const summarize = task((result: unknown) => `summary of ${String(result)}`, { name: "summarize" });
export const publish = task((summary: string) => summary.length, { name: "publish" });

export const flow = new Flow("long-flow", () => {
  publish(summarize(crunch()));
});
