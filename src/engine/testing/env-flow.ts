// Test fixture: logs what the process environment holds for TERN_TEST_LEAK and HOME, then sets the
// first and deletes the second, as user code may: a warm engine's next run must not see either change.
import { context, Flow, task } from "tern";

export const meddle = task(() => {
  context.logger.info(`TERN_TEST_LEAK=${process.env.TERN_TEST_LEAK ?? "(unset)"} HOME=${process.env.HOME ? "(set)" : "(unset)"}`);
  process.env.TERN_TEST_LEAK = "from an earlier run";
  delete process.env.HOME;
}, { name: "meddle" });

export const flow = new Flow("env-flow", () => {
  meddle();
});
