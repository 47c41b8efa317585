import type { TernConnectionError } from "../client/errors.ts";

export interface BackoffOptions {
  /** First wait after the server stops answering. */
  firstMs: number;
  /** Longest wait between two attempts. */
  maxMs: number;
}

export const DEFAULT_BACKOFF: BackoffOptions = { firstMs: 1000, maxMs: 15_000 };

/**
 * Tracks whether the agent can reach its server. An outage is reported once when it starts and once
 * when it ends, however many polls fail in between, so a server restart reads as two clear lines
 * instead of one stack trace per poll. The wait between attempts doubles up to `maxMs`.
 */
export class ServerLink {
  private lostSince: number | undefined;
  private nextDelayMs: number;

  constructor(
    private readonly url: string,
    private readonly print: (line: string) => void,
    private readonly backoff: BackoffOptions = DEFAULT_BACKOFF,
  ) {
    this.nextDelayMs = backoff.firstMs;
  }

  get isLost(): boolean {
    return this.lostSince !== undefined;
  }

  /** Records a failed attempt to reach the server; returns how long to wait before the next one. */
  failed(error: TernConnectionError): number {
    const delay = this.nextDelayMs;
    if (this.lostSince === undefined) {
      this.lostSince = Date.now();
      this.print(`Lost the server at ${this.url} (${error.reason}); retrying in ${formatSeconds(delay)}, then backing off up to ${formatSeconds(this.backoff.maxMs)}`);
    }
    this.nextDelayMs = Math.min(this.backoff.maxMs, delay * 2);
    return delay;
  }

  /** Records a successful round trip; reports the end of an outage. */
  reached(): void {
    if (this.lostSince === undefined) return;
    this.print(`Server is back at ${this.url} after ${formatSeconds(Date.now() - this.lostSince)}; resuming`);
    this.lostSince = undefined;
    this.nextDelayMs = this.backoff.firstMs;
  }

  /** The wait before the next attempt while the server is unreachable. */
  get retryDelayMs(): number {
    return this.nextDelayMs;
  }
}

function formatSeconds(ms: number): string {
  const seconds = ms / 1000;
  return `${seconds < 10 ? Number(seconds.toFixed(1)) : Math.round(seconds)}s`;
}
