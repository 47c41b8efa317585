/**
 * Tern's SDK: what a flow file imports.
 *
 * @example
 * ```ts
 * import { task, Flow, Parameter, context, triggers } from "tern";
 * const sayHello = task((who: string) => context.logger.info(`Hello, ${who}!`), { name: "say_hello" });
 * const flow = new Flow("hello-flow", () => {
 *   sayHello(Parameter("who", { default: "Cloud" }));
 * });
 * flow.register({ projectName: "tutorial" });
 * ```
 */
export { context, type Logger, type LogLevel } from "./context.ts";
export { FlowValidationError } from "./errors.ts";
export { Flow, type FlowOptions, type RegisterOptions, type RunOptions } from "./flow.ts";
export { TaskRef } from "./graph.ts";
export { unmapped, type Unmapped } from "./mapping.ts";
export { Parameter, type ParameterOptions } from "./parameter.ts";
export { cron, interval, Schedule, type CronOptions, type IntervalOptions } from "./schedules.ts";
export { Git, Local, type GitStorage, type LocalStorage, type Storage } from "./storage.ts";
export { task, type Task, type TaskOptions } from "./task.ts";
export { triggers, type Trigger } from "./triggers.ts";
