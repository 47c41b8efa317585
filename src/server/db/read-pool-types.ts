import type { CompiledQuery } from "kysely";

/** What the read pools of read-pool.ts offer; in a file of its own so the SQLite pool can use it without an import cycle. */
export interface ReadPool {
  /** Runs one compiled SELECT; rejects with ReadTimeoutError once `deadline` (epoch ms) passes. */
  all(query: CompiledQuery, deadline: number): Promise<Record<string, unknown>[]>;
  close(): Promise<void>;
}

export class ReadTimeoutError extends Error {
  constructor() {
    super("The read ran past its time limit.");
  }
}

export interface ReadPoolOptions {
  /** The longest one statement may run (PostgreSQL's statement_timeout). */
  timeoutMs: number;
  /** Connections (PostgreSQL) or processes (SQLite). */
  size: number;
}
