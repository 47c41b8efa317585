import { TernClient } from "../client/client.ts";
import { RESTART_RETRY } from "../client/retry.ts";
import { executeFlowRun } from "./flow-run.ts";

/**
 * The flow-run process: `node --import tsx src/engine/main.ts <flowRunId>`. Exit 0 once the run's
 * final state is reported (whatever it is); non-zero only when it could not be reported.
 */
const flowRunId = process.argv[2];
if (!flowRunId) {
  console.error("usage: engine <flowRunId>");
  process.exit(2);
}
try {
  const outcome = await executeFlowRun(new TernClient({ retryPolicy: RESTART_RETRY }), flowRunId);
  if (outcome === "NotFound") {
    console.error(`Flow run ${flowRunId} not found`);
    process.exit(1);
  }
  process.exit(0);
} catch (error) {
  console.error(`tern engine: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
}
