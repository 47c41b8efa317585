import { randomUUID } from "node:crypto";
import { isTransient } from "../client/retry.ts";
import { storableText } from "../core/text.ts";
import type { LogRecord } from "../sdk/context.ts";
import type { RunLog } from "./protocol.ts";

/** Lines per write_run_logs call: a backlog built up during an outage goes out in bounded requests. */
export const MAX_LINES_PER_SEND = 1000;

/**
 * Lines the queue holds while the server is away. Beyond it, new lines are dropped (the queue keeps
 * the outage's first lines, in order) and counted; once a send succeeds, a WARNING line says how many.
 */
export const MAX_QUEUED_LINES = 20_000;

/**
 * Collects log lines and sends them in order, in batches: at most every `intervalMs`, and on `flush()`
 * (which the engine calls before each final state, so logs are stored before the run shows finished).
 * While the server is away, lines stay queued (the client retries each send with backoff); a send
 * that still fails on a transport error goes back to the head of the queue for the next flush. The
 * queue holds at most {@link MAX_QUEUED_LINES}.
 */
export class LogShipper {
  private pending: RunLog[] = [];
  private timer: NodeJS.Timeout | undefined;
  private inFlight: Promise<void> = Promise.resolve();
  // Keys are this shipper's random prefix plus a zero-padded sequence: unique, and ascending, so the
  // server's unique index takes them as appends (random keys made SQLite log writes ~30% slower).
  private readonly keyPrefix = randomUUID();
  private sequence = 0;
  /** Lines dropped because the queue was full, not yet reported. */
  private dropped = 0;

  constructor(
    private readonly flowRunId: string,
    private readonly send: (logs: RunLog[]) => Promise<void>,
    private readonly intervalMs = 150,
    private readonly maxQueued = MAX_QUEUED_LINES,
  ) {}

  add(record: LogRecord) {
    if (this.pending.length >= this.maxQueued) {
      this.dropped++;
      return;
    }
    this.pending.push({
      flow_run_id: this.flowRunId,
      task_run_id: record.taskRunId ?? null,
      timestamp: record.timestamp,
      // The server refuses text it cannot store as sent, and with it the whole batch.
      name: storableText(record.name),
      level: record.level,
      message: storableText(record.message),
      idempotency_key: `${this.keyPrefix}-${String(this.sequence++).padStart(10, "0")}`,
    });
    this.timer ??= setTimeout(() => void this.flush(), this.intervalMs);
  }

  /** Lines keyed by someone else (the agent's, handed over with the run): queued as they are. */
  addKeyed(lines: RunLog[]) {
    const room = Math.max(0, this.maxQueued - this.pending.length);
    this.dropped += Math.max(0, lines.length - room);
    lines = lines.slice(0, room);
    if (!lines.length) return;
    this.pending.push(...lines.map((l) => ({ ...l, name: storableText(l.name), message: storableText(l.message) })));
    this.timer ??= setTimeout(() => void this.flush(), this.intervalMs);
  }

  /** Lines not yet stored (queued or being sent). */
  get backlog(): number {
    return this.pending.length;
  }

  /** Sends everything queued so far; resolves when it is stored. Failures are reported, not thrown. */
  flush(): Promise<void> {
    clearTimeout(this.timer);
    this.timer = undefined;
    const previous = this.inFlight;
    // Batches are taken when their turn comes, not when flush() is called, so lines go out in the
    // order they were added even when an earlier send failed and put its lines back.
    this.inFlight = previous.then(() => this.drain());
    return this.inFlight;
  }

  /**
   * Hands the queued lines to a caller that stores them itself (in the same request as a state),
   * once earlier sends are over, so lines stay in order. When more are queued than one request
   * takes, they go out the usual way first and nothing is handed over.
   */
  async take(): Promise<RunLog[]> {
    clearTimeout(this.timer);
    this.timer = undefined;
    await this.inFlight;
    if (this.pending.length > MAX_LINES_PER_SEND) {
      await this.flush();
      return [];
    }
    // The taker's request is the one that reaches the server, so the count of dropped lines rides with it.
    this.reportDropped();
    return this.pending.splice(0);
  }

  /** Lines a {@link take}r could not store: they go first in the next send. */
  putBack(lines: RunLog[]) {
    this.pending.unshift(...lines);
  }

  /** When a send gets through: one WARNING line (queued last) counting the lines dropped while the queue was full. */
  private reportDropped() {
    if (!this.dropped) return;
    const count = this.dropped;
    this.dropped = 0;
    this.pending.push({
      flow_run_id: this.flowRunId,
      task_run_id: null,
      timestamp: new Date().toISOString(),
      name: "engine",
      level: "WARNING",
      message: `${count} log line${count === 1 ? "" : "s"} dropped while the server was unreachable (the engine keeps at most ${this.maxQueued} unsent lines).`,
      idempotency_key: `${this.keyPrefix}-${String(this.sequence++).padStart(10, "0")}`,
    });
  }

  /**
   * Drops `sent` from the queue by identity, not by position: while a batch was out, a taker may have
   * put its own lines back at the head, and those must stay.
   */
  private remove(sent: RunLog[]) {
    const gone = new Set(sent);
    this.pending = this.pending.filter((l) => !gone.has(l));
  }

  private async drain() {
    while (this.pending.length) {
      const batch = this.pending.slice(0, MAX_LINES_PER_SEND);
      try {
        await this.send(batch);
        this.remove(batch);
        this.reportDropped();
      } catch (error) {
        const message = error instanceof Error ? error.message : String(error);
        if (isTransient(error)) {
          process.stderr.write(`tern engine: server unreachable, ${this.pending.length} log lines kept for the next attempt: ${message}\n`);
        } else {
          // The server refused these lines (bad input): sending them again would fail the same way.
          this.remove(batch);
          process.stderr.write(`tern engine: could not ship ${batch.length} log lines: ${message}\n`);
        }
        return;
      }
    }
  }
}
