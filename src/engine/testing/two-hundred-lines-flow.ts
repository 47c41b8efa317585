// Test fixture: one task logs "line 1" … "line 200", one line every 10 ms (about 2 s in all), so a
// test can make the database busy mid-run and then check that every line arrived exactly once.
import { context, Flow, task } from "tern";

export const LINES = 200;

const logLines = task(
  async () => {
    for (let i = 1; i <= LINES; i++) {
      context.logger.info(`line ${i}`);
      await new Promise((r) => setTimeout(r, 10));
    }
  },
  { name: "log_lines" },
);

export const flow = new Flow("two-hundred-lines", () => {
  logLines();
});
