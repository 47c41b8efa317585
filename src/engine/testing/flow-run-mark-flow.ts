// Test fixture: a task that logs whether the SDK knows it runs inside a flow run, and whether an
// environment variable says so too (it must not: a task's own child processes would inherit it).
import { context, Flow, task } from "tern";
import { inFlowRun } from "../../sdk/shared-state.ts";

export const look = task(() => {
  context.logger.info(`in a flow run: ${inFlowRun()}; TERN_FLOW_RUN_ID: ${process.env.TERN_FLOW_RUN_ID ?? "unset"}`);
}, { name: "look" });

export const flow = new Flow("flow-run-mark-flow", () => {
  look();
});
