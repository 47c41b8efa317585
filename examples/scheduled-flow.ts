// A flow the server runs by itself: every weekday at 09:30 New York time (13:30 or 14:30 UTC, by the
// season), plus a health check every 15 minutes with its own parameter. Run `npx tsx
// examples/scheduled-flow.ts` to register it; its next runs appear on its page in the dashboard.
import { context, cron, Flow, interval, Parameter, task } from "tern";

export const report = task((audience: string) => {
  const line = `Daily report for ${audience}`;
  context.logger.info(line);
  return line;
}, { name: "report" });

export const weekdayMornings = cron("30 9 * * 1-5", { timezone: "America/New_York" });
export const healthChecks = interval({ minutes: 15, parameters: { audience: "on-call" } });

export const flow = new Flow("scheduled-report", () => {
  report(Parameter("audience", { default: "the team" }));
}, { schedule: weekdayMornings });

export const healthFlow = new Flow("health-check", () => {
  report(Parameter("audience", { default: "everyone" }));
}, { schedule: healthChecks });

await flow.register({ projectName: "tutorial" });
await healthFlow.register({ projectName: "tutorial" });
