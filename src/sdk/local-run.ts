import { runFlow, type FlowRunResult } from "./runner.ts";
import { printLog } from "./context.ts";
import { FlowValidationError } from "./errors.ts";
import type { Flow } from "./flow.ts";

/**
 * `flow.run()`: the DAG runner with a console reporter and no server. State changes print as
 * Prefect's local runs did, so a user sees what a real run would do.
 */
export async function runLocally(flow: Flow, parameters: Record<string, unknown>): Promise<FlowRunResult> {
  const { errors, warnings } = flow.validate({ parameters });
  if (errors.length) throw new FlowValidationError(flow.name, errors);
  const quiet = process.env.TERN_QUIET === "1";
  const info = (message: string, name = "FlowRunner") => {
    if (!quiet) printLog({ level: "INFO", message, name, timestamp: new Date().toISOString() });
  };
  for (const w of warnings) if (!quiet) printLog({ level: "WARNING", message: w, name: "Flow", timestamp: new Date().toISOString() });
  info(`Beginning Flow run for '${flow.name}'`);
  const result = await runFlow(flow, {
    parameters,
    reporter: {
      async setTaskState(node, state, _output, mapIndex) {
        // A mapped child is named as Prefect printed it: `process-1[3]`.
        const name = mapIndex === undefined ? node.slug : `${node.slug}[${mapIndex}]`;
        if (state.type === "Running") info(`Task '${name}': Starting task run...`, "TaskRunner");
        else if (state.type === "Retrying") info(`Task '${name}': ${state.message}, next attempt at ${state.start_time}`, "TaskRunner");
        else if (state.type === "Mapped") info(`Task '${name}': ${state.message}`, "TaskRunner");
        else info(`Task '${name}': Finished task run for task with final state: '${state.type}'`, "TaskRunner");
      },
      log(record) {
        if (!quiet) printLog(record);
      },
    },
  });
  info(`Flow run ${result.state.toUpperCase()}: ${result.message.toLowerCase()}`);
  return result;
}
