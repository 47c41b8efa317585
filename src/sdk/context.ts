import { AsyncLocalStorage } from "node:async_hooks";
import { shared } from "./shared-state.ts";

/** Log levels a task may write; they match the server's `log_level` values. */
export type LogLevel = "DEBUG" | "INFO" | "WARNING" | "ERROR" | "CRITICAL";

/** One log line as the runner hands it to whoever ships it (console locally, the server in a flow run). */
export interface LogRecord {
  level: LogLevel;
  message: string;
  /** Logger name: the task name inside a task, "flow" or "engine" otherwise. */
  name: string;
  timestamp: string;
  taskSlug?: string;
  taskRunId?: string;
}

/** What is known while a task runs; the runner fills it, `context` reads it. */
export interface TaskScope {
  flowName: string;
  flowRunId?: string;
  taskRunId?: string;
  taskSlug: string;
  taskName: string;
  parameters: Record<string, unknown>;
  /** Which attempt this is, starting at 1. */
  runCount: number;
  /** A mapped child's position among its siblings (0…n-1); undefined for a task that is not mapped. */
  mapIndex?: number;
  emit(record: LogRecord): void;
}

// One store per process even if the SDK module is loaded twice (e.g. through a symlinked path).
const STORE_KEY = Symbol.for("tern.sdk.taskScope");
const globalStore = globalThis as unknown as Record<symbol, AsyncLocalStorage<TaskScope> | undefined>;
export const taskScope: AsyncLocalStorage<TaskScope> = (globalStore[STORE_KEY] ??= new AsyncLocalStorage<TaskScope>());

/** A logger that ships lines to the run's logs when called inside a task, and prints them otherwise. */
export interface Logger {
  debug(...args: unknown[]): void;
  info(...args: unknown[]): void;
  warn(...args: unknown[]): void;
  error(...args: unknown[]): void;
}

/** Formats logger arguments the way console.log would (strings as is, objects inspected, errors with stacks). */
export function formatArgs(args: unknown[]): string {
  return args
    .map((a) => {
      if (typeof a === "string") return a;
      if (a instanceof Error) return a.stack ?? a.message;
      try {
        return typeof a === "object" ? JSON.stringify(a) : String(a);
      } catch {
        return String(a);
      }
    })
    .join(" ");
}

function write(level: LogLevel, args: unknown[]) {
  const scope = taskScope.getStore();
  const record: LogRecord = {
    level,
    message: formatArgs(args),
    name: scope?.taskName ?? "tern",
    timestamp: new Date().toISOString(),
    taskSlug: scope?.taskSlug,
    taskRunId: scope?.taskRunId,
  };
  if (scope) scope.emit(record);
  else printLog(record);
}

/** Prints a log line like `[2026-11-27 10:00:00.000] INFO - say_hello | Hello, Cloud!`. */
export function printLog(record: LogRecord) {
  const stamp = record.timestamp.replace("T", " ").replace("Z", "");
  const line = `[${stamp}] ${record.level} - ${record.name} | ${record.message}\n`;
  if (record.level === "ERROR" || record.level === "CRITICAL" || record.level === "WARNING") process.stderr.write(line);
  else process.stdout.write(line);
}

const logger: Logger = {
  debug: (...args) => write("DEBUG", args),
  info: (...args) => write("INFO", args),
  warn: (...args) => write("WARNING", args),
  error: (...args) => write("ERROR", args),
};

/**
 * The running task's context: its logger, run ids and the flow run's parameters.
 *
 * @example
 * ```ts
 * import { task, context } from "tern";
 * const sayHello = task(() => {
 *   context.logger.info("Hello, Cloud!");
 *   context.logger.debug(`flow run ${context.flowRunId}, task run ${context.taskRunId}`);
 * });
 * ```
 */
export const context = {
  /** Ships lines to the server as run logs (with the task run id) inside a running task. */
  logger,
  /** The flow run's id; undefined in a local `flow.run()`. */
  get flowRunId(): string | undefined {
    return taskScope.getStore()?.flowRunId ?? shared.flowRunId;
  },
  /** The current task run's id; undefined outside a task or in a local `flow.run()`. */
  get taskRunId(): string | undefined {
    return taskScope.getStore()?.taskRunId;
  },
  /** The current task's slug, e.g. `say_hello-1`. */
  get taskSlug(): string | undefined {
    return taskScope.getStore()?.taskSlug;
  },
  /** The flow's name. */
  get flowName(): string | undefined {
    return taskScope.getStore()?.flowName;
  },
  /** The flow run's parameters (defaults merged with the values given at run creation). */
  get parameters(): Readonly<Record<string, unknown>> {
    return taskScope.getStore()?.parameters ?? {};
  },
  /** A mapped child's index (0…n-1) inside `task.map(…)`; undefined in a task that is not mapped. */
  get mapIndex(): number | undefined {
    return taskScope.getStore()?.mapIndex;
  },
  /** The current attempt, 1 on the first try, 2 on the first retry… */
  get runCount(): number {
    return taskScope.getStore()?.runCount ?? 0;
  },
};
