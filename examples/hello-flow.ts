// The tutorial's first flow: one task that logs a greeting. Run `npx tsx examples/hello-flow.ts`
// to register it into the "tutorial" project, then start a run from the dashboard.
import { context, Flow, task } from "tern";

export const sayHello = task(() => context.logger.info("Hello, Cloud!"), { name: "say_hello" });

export const flow = new Flow("hello-flow", () => {
  sayHello();
});

await flow.register({ projectName: "tutorial" });
