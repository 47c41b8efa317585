import { type ChildProcess, spawn } from "node:child_process";
import { createRequire } from "node:module";
import { setPriority } from "node:os";
import type { CompiledQuery } from "kysely";
import { type ReadPool, type ReadPoolOptions, ReadTimeoutError } from "./read-pool-types.ts";
import { SQLITE_READ_CHILD_SOURCE } from "./sqlite-read-child.ts";

/** setTimeout's largest delay; a longer one (or Infinity) would fire at once. */
const MAX_TIMER_MS = 2 ** 31 - 1;

/** Scheduling priority of the read processes (nice value; higher is lower priority). */
const READER_NICENESS = 10;

interface Job {
  sql: string;
  parameters: readonly unknown[];
  deadline: number;
  resolve(rows: Record<string, unknown>[]): void;
  reject(error: unknown): void;
}

interface Reader {
  child: ChildProcess;
  job: Job | null;
  timer: NodeJS.Timeout | null;
}

/** A read the database itself refused (bad SQL would be a bug); passed on like the driver's errors. */
class SqliteReadError extends Error {
  constructor(
    message: string,
    readonly code?: string,
  ) {
    super(message);
  }
}

/**
 * Up to `size` read processes, started on first use. Each takes one statement at a time from a
 * shared queue; a statement still running at its deadline has its process killed (SIGKILL: SQLite
 * never returns control mid-statement, so nothing gentler stops it) and a fresh one takes its place
 * on demand.
 */
export function openSqliteReadPool(file: string, options: ReadPoolOptions): ReadPool {
  const driver = createRequire(import.meta.url).resolve("better-sqlite3");
  const readers = new Set<Reader>();
  const queue: Job[] = [];
  let nextId = 0;
  let closed = false;

  const start = (): Reader => {
    const child = spawn(process.execPath, ["-e", SQLITE_READ_CHILD_SOURCE], {
      stdio: ["ignore", "ignore", "inherit", "ipc"],
      serialization: "advanced",
      env: { ...process.env, TERN_SQLITE_DRIVER: driver, TERN_SQLITE_FILE: file },
    });
    // Readers yield the CPU to the server's own thread: on a small machine a few heavy reads would
    // otherwise take every core from the requests that must answer at once.
    if (child.pid !== undefined) {
      try {
        setPriority(child.pid, READER_NICENESS);
      } catch {
        // Not permitted here (some containers): readers then share the CPU evenly.
      }
    }
    const reader: Reader = { child, job: null, timer: null };
    child.on("message", (message: { rows?: Record<string, unknown>[]; error?: { message: string; code?: string } }) => {
      const job = finish(reader);
      if (!job) return;
      if (message.error) job.reject(new SqliteReadError(message.error.message, message.error.code));
      else job.resolve(message.rows ?? []);
      pump();
    });
    child.on("exit", () => {
      readers.delete(reader);
      finish(reader)?.reject(new Error("A read process ended unexpectedly."));
      pump();
    });
    readers.add(reader);
    return reader;
  };

  const finish = (reader: Reader): Job | null => {
    const job = reader.job;
    reader.job = null;
    if (reader.timer) clearTimeout(reader.timer);
    reader.timer = null;
    return job;
  };

  const pump = () => {
    while (!closed && queue.length > 0) {
      let reader = [...readers].find((r) => r.job === null);
      if (!reader && readers.size < options.size) reader = start();
      if (!reader) return;
      const job = queue.shift()!;
      const left = job.deadline - Date.now();
      if (left <= 0) {
        job.reject(new ReadTimeoutError());
        continue;
      }
      reader.job = job;
      reader.timer = setTimeout(() => {
        finish(reader)?.reject(new ReadTimeoutError());
        readers.delete(reader);
        reader.child.kill("SIGKILL");
        pump();
      }, Math.min(left, MAX_TIMER_MS));
      reader.child.send({ id: nextId++, sql: job.sql, parameters: job.parameters });
    }
  };

  return {
    all(query: CompiledQuery, deadline: number) {
      if (closed) return Promise.reject(new Error("The read pool is closed."));
      return new Promise((resolve, reject) => {
        queue.push({ sql: query.sql, parameters: query.parameters, deadline, resolve, reject });
        pump();
      });
    },
    async close() {
      closed = true;
      for (const job of queue.splice(0)) job.reject(new Error("The server is shutting down."));
      for (const reader of readers) {
        finish(reader)?.reject(new Error("The server is shutting down."));
        reader.child.kill("SIGKILL");
      }
      readers.clear();
    },
  };
}
