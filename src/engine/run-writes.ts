import { randomUUID } from "node:crypto";
import type { TernClient } from "../client/client.ts";
import type { Log_Level } from "../core/gql/graphql.ts";
import { isFinished, isStateName } from "../core/states.ts";
import { storableText } from "../core/text.ts";
import { WriteRunBatch } from "./documents.ts";
import type { LogShipper } from "./log-shipper.ts";
import type { RunLog } from "./protocol.ts";
import type { RunnerState } from "../sdk/runner.ts";

/** The shipper's lines as the API's log input (levels are checked by the server). */
export const asLogInputs = (logs: RunLog[]) => logs.map((l) => ({ ...l, level: l.level as Log_Level }));

/**
 * Task states one request carries at most: a mapped task's thousands of children finish within one
 * window, the server refuses lists past 20,000 items, and one transaction of a thousand writes (their
 * rows stored a chunk at a time, about 50 ms on SQLite) keeps a SQLite server answering others within
 * a fraction of a second, while each request's commit is paid a thousand writes at a time. More go
 * out as several requests, in order.
 */
export const MAX_TASK_STATES_PER_SEND = 1000;

/** A state's message is often an error's text: kept storable, or the server refuses the whole batch. */
const storableState = (state: RunnerState): RunnerState => ({ ...state, message: storableText(state.message) });

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
  private soon: NodeJS.Timeout | undefined;
  /** A background send's error, kept for the next state change to report. */
  private failure: unknown;

  constructor(
    private readonly client: TernClient,
    private readonly shipper: LogShipper,
  ) {}

  holdFlowState(flowRunId: string, version: number | null, state: RunnerState) {
    this.flowStates.push({ flow_run_id: flowRunId, version, state: storableState(state), idempotency_key: randomUUID() });
  }

  holdTaskState(taskRunId: string, version: number | null, state: RunnerState) {
    this.taskStates.push({ task_run_id: taskRunId, version, state: storableState(state), idempotency_key: randomUUID() });
  }

  /**
   * Sends everything held when this send's turn comes (plus the shipper's queued lines); resolves
   * once stored. On failure the lines go back to the shipper; the states are dropped (a refused
   * state would be refused again).
   */
  send(): Promise<void> {
    // This send takes everything held, so a pending background send has nothing left to do.
    clearTimeout(this.soon);
    this.soon = undefined;
    const mine = this.turn.catch(() => {}).then(() => this.sendHeld());
    this.turn = mine;
    return mine;
  }

  /**
   * Sends what is held within `windowMs`, unless an earlier send takes it first: for states nobody
   * waits on (a running run's task states), so the states of tasks that finish within the window
   * share one request, often the one that carries the flow's final state. A failure is kept and
   * thrown by the next {@link throwIfFailed}.
   */
  sendSoon(windowMs: number) {
    if (this.soon) return;
    this.soon = setTimeout(() => {
      this.soon = undefined;
      this.send().catch((error: unknown) => (this.failure ??= error));
    }, windowMs);
  }

  /**
   * Drops the held Running of each task run whose latest held state it is: a cancelled run's
   * Cancelled states replace them, and under a Cancelling flow run the server would refuse them
   * (and every state sent with them).
   */
  dropHeldTaskRunning() {
    this.taskStates = this.taskStates.filter((t, i) => t.state.type !== "Running" || this.taskStates.slice(i + 1).some((later) => later.task_run_id === t.task_run_id));
  }

  /** Forgets every held state (someone else ended the run: its states are theirs); lines stay queued. */
  dropHeldStates() {
    this.flowStates = [];
    this.taskStates = [];
  }

  /** Resolves once every send begun so far is over; a failed one is left for {@link throwIfFailed}. */
  async settled(): Promise<void> {
    await this.turn.catch(() => {});
  }

  /** Throws (once) the error of a background send that failed. */
  throwIfFailed() {
    const failure = this.failure;
    this.failure = undefined;
    if (failure !== undefined) throw failure;
  }

  private async sendHeld() {
    const logs = await this.shipper.take();
    const flowStates = this.flowStates.splice(0);
    const taskStates = this.taskStates.splice(0);
    if (!logs.length && !flowStates.length && !taskStates.length) return;
    // One request, or (many task states) the lines and the flow's Running with the first part and a
    // flow state that ends the run with the last, so each part keeps the batch's order.
    const parts: HeldTaskState[][] = [];
    for (let i = 0; i < taskStates.length; i += MAX_TASK_STATES_PER_SEND) parts.push(taskStates.slice(i, i + MAX_TASK_STATES_PER_SEND));
    if (parts.length <= 1) return this.sendPart(logs, flowStates, taskStates);
    const ending = (f: HeldFlowState) => isStateName(f.state.type) && isFinished(f.state.type);
    for (const [i, part] of parts.entries()) {
      const first = i === 0;
      const last = i === parts.length - 1;
      const flows = flowStates.filter((f) => (ending(f) ? last : first));
      await this.sendPart(first ? logs : [], flows, part);
    }
  }

  private async sendPart(logs: RunLog[], flowStates: HeldFlowState[], taskStates: HeldTaskState[]) {
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
