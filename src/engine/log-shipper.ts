import type { LogRecord } from "../sdk/context.ts";

export interface RunLog {
  flow_run_id: string;
  task_run_id: string | null;
  timestamp: string;
  name: string;
  level: string;
  message: string;
}

/**
 * Collects log lines and sends them in batches: at most every `intervalMs`, and on `flush()` (which
 * the engine calls before each final state, so logs are stored before the run shows finished).
 */
export class LogShipper {
  private pending: RunLog[] = [];
  private timer: NodeJS.Timeout | undefined;
  private inFlight: Promise<void> = Promise.resolve();

  constructor(
    private readonly flowRunId: string,
    private readonly send: (logs: RunLog[]) => Promise<void>,
    private readonly intervalMs = 150,
  ) {}

  add(record: LogRecord) {
    this.pending.push({
      flow_run_id: this.flowRunId,
      task_run_id: record.taskRunId ?? null,
      timestamp: record.timestamp,
      name: record.name,
      level: record.level,
      message: record.message,
    });
    this.timer ??= setTimeout(() => void this.flush(), this.intervalMs);
  }

  /** Sends everything queued so far; resolves when it is stored. Failures are reported, not thrown. */
  flush(): Promise<void> {
    clearTimeout(this.timer);
    this.timer = undefined;
    const batch = this.pending.splice(0);
    const previous = this.inFlight;
    this.inFlight = (async () => {
      await previous;
      if (!batch.length) return;
      try {
        await this.send(batch);
      } catch (error) {
        process.stderr.write(`tern engine: could not ship ${batch.length} log lines: ${error instanceof Error ? error.message : String(error)}\n`);
      }
    })();
    return this.inFlight;
  }
}
