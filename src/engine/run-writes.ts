import { randomUUID } from "node:crypto";
import type { TernClient } from "../client/client.ts";
import type { Log_Level } from "../core/gql/graphql.ts";
import { WriteRunBatch } from "./documents.ts";
import type { LogShipper, RunLog } from "./log-shipper.ts";
import type { RunnerState } from "./runner.ts";

/** The shipper's lines as the API's log input (levels are checked by the server). */
export const asLogInputs = (logs: RunLog[]) => logs.map((l) => ({ ...l, level: l.level as Log_Level }));

interface HeldFlowState {
  flow_run_id: string;
  version: number | null;
  state: RunnerState;
  idempotency_key: string;
}
interface HeldTaskState {
  task_run_id: string;
  version: number | null;
  state: RunnerState;
  idempotency_key: string;
}

/**
 * A flow run's state writes, held until something has to reach the server and then sent together with
 * the queued log lines in one `write_run_batch` request (one transaction: lines, flow-run states,
 * task-run states). Round trips are most of a short run's time, so "flow Running + first task
 * Running" and "last lines + last task's final state + flow's final state" each cost one.
 *
 * Sends go one at a time, in order: a task's Running never overtakes the flow's Running. Every
 * write carries an idempotency key (and every line one), so a send whose answer was lost is
 * re-sent without storing anything twice.
 */
export class RunWrites {
  private flowStates: HeldFlowState[] = [];
  private taskStates: HeldTaskState[] = [];
  private turn: Promise<void> = Promise.resolve();

  constructor(
    private readonly client: TernClient,
    private readonly shipper: LogShipper,
  ) {}

  holdFlowState(flowRunId: string, version: number | null, state: RunnerState) {
    this.flowStates.push({ flow_run_id: flowRunId, version, state, idempotency_key: randomUUID() });
  }

  holdTaskState(taskRunId: string, version: number | null, state: RunnerState) {
    this.taskStates.push({ task_run_id: taskRunId, version, state, idempotency_key: randomUUID() });
  }

  /**
   * Sends everything held when this send's turn comes (plus the shipper's queued lines); resolves
   * once stored. On failure the lines go back to the shipper; the states are dropped (a refused
   * state would be refused again).
   */
  send(): Promise<void> {
    const mine = this.turn.catch(() => {}).then(() => this.sendHeld());
    this.turn = mine;
    return mine;
  }

  private async sendHeld() {
    const logs = await this.shipper.take();
    const flowStates = this.flowStates.splice(0);
    const taskStates = this.taskStates.splice(0);
    if (!logs.length && !flowStates.length && !taskStates.length) return;
    try {
      await this.client.request(
        WriteRunBatch,
        { input: { logs: asLogInputs(logs), flow_run_states: flowStates, task_run_states: taskStates } },
        { retry: true },
      );
    } catch (error) {
      this.shipper.putBack(logs);
      throw error;
    }
  }
}
