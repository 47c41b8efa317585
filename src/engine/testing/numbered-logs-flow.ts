// Test fixture: three chained tasks log "line 1" … "line 60", one line every 50 ms (about 3 s in
// all), so a test can kill the server mid-run and then check that every line arrived exactly once.
import { context, Flow, task } from "tern";

export const LINES_PER_TASK = 20;
export const TASKS = 3;
const GAP_MS = 50;

const logPart = (part: number) =>
  task(
    async (_upstream?: number) => {
      for (let i = 1; i <= LINES_PER_TASK; i++) {
        context.logger.info(`line ${(part - 1) * LINES_PER_TASK + i}`);
        await new Promise((r) => setTimeout(r, GAP_MS));
      }
      return part;
    },
    { name: `log_part_${part}` },
  );

const parts = Array.from({ length: TASKS }, (_, i) => logPart(i + 1));

export const flow = new Flow("numbered-logs", () => {
  // Each part waits for the one before, so the lines are produced in number order.
  let previous: ReturnType<(typeof parts)[number]> | undefined;
  for (const part of parts) previous = part(previous);
});
