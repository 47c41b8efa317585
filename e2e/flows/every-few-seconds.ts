// E2E fixture: a flow the server runs by itself every few seconds, greeting its default parameter.
import { context, Flow, interval, Parameter, task } from "tern";

export const greet = task((who: string) => context.logger.info(`Scheduled hello, ${who}!`), { name: "greet" });

export const flow = new Flow("every-few-seconds", () => {
  greet(Parameter("who", { default: "clock" }));
}, { schedule: interval({ seconds: 4 }) });
