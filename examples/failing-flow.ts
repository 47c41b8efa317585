// A task that throws, a downstream task that therefore never runs (TriggerFailed), and a cleanup
// task that runs anyway: the flow run ends Failed.
import { context, Flow, task, triggers } from "tern";

export const fetchData = task(
  () => {
    throw new Error("the upstream service answered 503");
  },
  { name: "fetch_data" },
);

export const report = task((data: unknown) => context.logger.info(`report on ${JSON.stringify(data)}`), { name: "report" });

export const cleanup = task(() => context.logger.info("cleaning up"), { name: "cleanup", trigger: triggers.allFinished });

export const flow = new Flow("failing-flow", () => {
  const data = fetchData();
  report(data);
  cleanup.with({ upstream: [data] })();
});

await flow.register({ projectName: "tutorial" });
