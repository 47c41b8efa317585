import { closeSync, fstatSync, mkdirSync, openSync, readSync, renameSync, writeFileSync, writeSync } from "node:fs";
import { readFile } from "node:fs/promises";
import { homedir, hostname } from "node:os";
import { isAbsolute, join, relative, resolve, sep } from "node:path";

/**
 * The result store: task results kept outside the flow-run process, so a restart from failed can
 * hand a kept task's result to the tasks that run again instead of running it twice. Prefect 1's
 * LocalResult: one JSON file per task run under the agent machine's `$TERN_HOME/results`, its
 * location recorded in the task run's Success state (`_result`).
 *
 * A mapped task's children are the exception: their results go, one line each, into one file per
 * mapped parent ({@link LocalResultStore.saveChild}), since creating and renaming 10,000 small files
 * took longer than running the 10,000 children.
 */

/** What a Success state records about its result (its `_result`, as Prefect 1 serializes it). */
export type ResultRecord =
  /** The task returned nothing: there is nothing to store or load. */
  | { type: "NoResultType" }
  /**
   * `location` is relative to the store's directory; `host` is the machine that wrote it. `key`, for a
   * mapped child, is its line in the parent's children file (its task run id).
   */
  | { type: "LocalResult"; location: string; host: string; key?: string };

export type ResultErrorCode =
  /** The value is not plain JSON data (a function, a BigInt, a cycle, a Date…). */
  | "RESULT_NOT_SERIALIZABLE"
  /** The value's JSON is larger than the store's limit. */
  | "RESULT_TOO_LARGE"
  /** The state records no result the store can load (none stored, or not a store's record). */
  | "RESULT_NOT_RECORDED"
  /** The recorded file is gone (deleted, or written on another machine). */
  | "RESULT_NOT_FOUND"
  /** The file could not be read or is not valid JSON. */
  | "RESULT_UNREADABLE"
  /** The file could not be written. */
  | "RESULT_NOT_WRITTEN";

export class ResultStoreError extends Error {
  constructor(
    readonly code: ResultErrorCode,
    message: string,
  ) {
    super(message);
    this.name = "ResultStoreError";
  }
}

export const DEFAULT_RESULT_MAX_BYTES = 10_000_000;

export interface ResultStoreOptions {
  /** Where the files go (default `$TERN_RESULTS_DIR`, else `$TERN_HOME/results`, else `~/.tern/results`). */
  dir?: string;
  /** The largest result stored, in bytes of JSON (default `$TERN_RESULT_MAX_BYTES`, else 10 MB). */
  maxBytes?: number;
}

/** Where a flow-run process keeps results, from its environment. */
export function resultStoreFromEnv(env: NodeJS.ProcessEnv = process.env): LocalResultStore {
  const dir = env.TERN_RESULTS_DIR || join(env.TERN_HOME || join(homedir(), ".tern"), "results");
  const configured = Number(env.TERN_RESULT_MAX_BYTES);
  return new LocalResultStore({ dir, maxBytes: env.TERN_RESULT_MAX_BYTES && Number.isFinite(configured) && configured > 0 ? configured : undefined });
}

const SAFE_ID = /^[A-Za-z0-9_-]+$/;
/** Children files one store keeps open at once (a flow maps a few tasks at a time). */
const OPEN_CHILDREN_FILES = 8;

/** A children file's whole lines as each child's JSON text; a later line for a child replaces an earlier one. */
export function childLines(content: string): Map<string, string> {
  const lines = new Map<string, string>();
  // Past the last newline is a line still being written (or cut short by a crash): no state records it.
  for (const line of content.slice(0, content.lastIndexOf("\n") + 1).split("\n")) {
    const tab = line.indexOf("\t");
    if (tab > 0) lines.set(line.slice(0, tab), line.slice(tab + 1));
  }
  return lines;
}

export class LocalResultStore {
  readonly dir: string;
  readonly maxBytes: number;
  /** Flow-run folders made by this process: each task's save then costs one write and one rename. */
  private readonly made = new Set<string>();
  /** Children files this process appends to, open (the few most recent). */
  private readonly open = new Map<string, number>();
  /** Children files read by {@link load}: each child's JSON text by task run id. */
  private readonly read = new Map<string, Map<string, string>>();

  constructor(options: ResultStoreOptions = {}) {
    this.dir = resolve(options.dir ?? join(homedir(), ".tern", "results"));
    this.maxBytes = options.maxBytes ?? DEFAULT_RESULT_MAX_BYTES;
  }

  /**
   * Stores one task run's result and returns the record its Success state keeps. Throws a
   * {@link ResultStoreError} when the value cannot be stored as it is (the task still succeeded).
   * Synchronous on purpose: a small file is written in microseconds, where each hop of an async
   * write through the thread pool can wait much longer on a busy machine, and the task's Success
   * (and the tasks after it) wait for it.
   */
  save(ids: { flowRunId: string; taskRunId: string }, value: unknown): ResultRecord {
    if (value === undefined) return { type: "NoResultType" };
    const text = this.checked(value);
    for (const id of [ids.flowRunId, ids.taskRunId]) if (!SAFE_ID.test(id)) throw new ResultStoreError("RESULT_NOT_WRITTEN", `unexpected run id ${JSON.stringify(id)}`);
    const location = join(ids.flowRunId, `${ids.taskRunId}.json`);
    const file = join(this.dir, location);
    // Written aside and renamed, so a crash mid-write never leaves a half file to be loaded later.
    const partial = `${file}.${process.pid}.partial`;
    try {
      this.ensureFolder(ids.flowRunId);
      writeFileSync(partial, text);
      renameSync(partial, file);
    } catch (error) {
      throw new ResultStoreError("RESULT_NOT_WRITTEN", `could not write ${file}: ${(error as NodeJS.ErrnoException).code ?? String(error)}`);
    }
    return { type: "LocalResult", location, host: hostname() };
  }

  /**
   * Stores a mapped child's result as one line (`<task run id> TAB <JSON>`) of its parent's children
   * file. Appending never alters what earlier lines hold, and a line is whole before its child's
   * Success (which records it) is sent: a crash mid-write can only leave a last line without its
   * newline, which no state records and {@link load} ignores. A child run again appends again; the
   * last whole line for a child is its result.
   */
  saveChild(ids: { flowRunId: string; parentTaskRunId: string; taskRunId: string }, value: unknown): ResultRecord {
    if (value === undefined) return { type: "NoResultType" };
    const text = this.checked(value);
    for (const id of [ids.flowRunId, ids.parentTaskRunId, ids.taskRunId]) if (!SAFE_ID.test(id)) throw new ResultStoreError("RESULT_NOT_WRITTEN", `unexpected run id ${JSON.stringify(id)}`);
    const location = join(ids.flowRunId, `${ids.parentTaskRunId}.children`);
    const file = join(this.dir, location);
    try {
      this.ensureFolder(ids.flowRunId);
      writeSync(this.appendable(file), `${ids.taskRunId}\t${text}\n`);
      this.read.delete(file);
    } catch (error) {
      throw new ResultStoreError("RESULT_NOT_WRITTEN", `could not write ${file}: ${(error as NodeJS.ErrnoException).code ?? String(error)}`);
    }
    return { type: "LocalResult", location, host: hostname(), key: ids.taskRunId };
  }

  /** Closes the children files this process has open (the flow run is over). */
  closeFiles(): void {
    for (const fd of this.open.values()) closeSync(fd);
    this.open.clear();
  }

  /** The open descriptor of a children file: kept open while its children finish, a few at a time. */
  private appendable(file: string): number {
    const fd = this.open.get(file);
    if (fd !== undefined) return fd;
    if (this.open.size >= OPEN_CHILDREN_FILES) {
      const [oldest, oldestFd] = this.open.entries().next().value!;
      this.open.delete(oldest);
      closeSync(oldestFd);
    }
    const opened = openSync(file, "a+");
    // A process that crashed mid-line left its end without a newline: end it, so the next line is whole.
    const { size } = fstatSync(opened);
    const last = Buffer.alloc(1);
    if (size > 0 && readSync(opened, last, 0, 1, size - 1) === 1 && last[0] !== 0x0a) writeSync(opened, "\n");
    this.open.set(file, opened);
    return opened;
  }

  private ensureFolder(flowRunId: string): void {
    if (this.made.has(flowRunId)) return;
    mkdirSync(join(this.dir, flowRunId), { recursive: true });
    this.made.add(flowRunId);
  }

  /** The value's JSON, or a {@link ResultStoreError} when it cannot be stored as it is. */
  private checked(value: unknown): string {
    const text = toJson(value);
    const bytes = Buffer.byteLength(text);
    if (bytes > this.maxBytes) {
      throw new ResultStoreError("RESULT_TOO_LARGE", `the result is ${formatBytes(bytes)} of JSON, more than the result store's limit of ${formatBytes(this.maxBytes)} (TERN_RESULT_MAX_BYTES)`);
    }
    return text;
  }

  /** Loads the result a Success state's `_result` records; throws a {@link ResultStoreError} when it cannot. */
  async load(record: unknown): Promise<unknown> {
    if (!record || typeof record !== "object") throw new ResultStoreError("RESULT_NOT_RECORDED", "no result was stored for it");
    const { type, location, host, key } = record as Record<string, unknown>;
    if (type === "NoResultType") return undefined;
    if (type !== "LocalResult" || typeof location !== "string") throw new ResultStoreError("RESULT_NOT_RECORDED", "no result was stored for it");
    const file = resolve(this.dir, location);
    const inside = relative(this.dir, file);
    // A state's record is data anyone may have written: it never reaches outside the store.
    if (!inside || inside.startsWith(`..${sep}`) || inside === ".." || isAbsolute(inside)) {
      throw new ResultStoreError("RESULT_NOT_RECORDED", `its recorded location ${JSON.stringify(location)} is outside the result store`);
    }
    let text: string | undefined;
    try {
      if (typeof key === "string") {
        // A restart loads its kept children one by one: their file is read once (again only if a
        // child is not in it yet).
        text = this.read.get(file)?.get(key);
        if (text === undefined) {
          this.read.set(file, childLines(await readFile(file, "utf8")));
          text = this.read.get(file)!.get(key);
          if (text === undefined) throw new ResultStoreError("RESULT_NOT_FOUND", `its stored result is not in ${file}`);
        }
      } else text = await readFile(file, "utf8");
    } catch (error) {
      if (error instanceof ResultStoreError) throw error;
      if ((error as NodeJS.ErrnoException).code === "ENOENT") {
        const elsewhere = typeof host === "string" && host !== hostname() ? ` (it was stored on ${host}, this is ${hostname()})` : "";
        throw new ResultStoreError("RESULT_NOT_FOUND", `its stored result ${file} is gone${elsewhere}`);
      }
      throw new ResultStoreError("RESULT_UNREADABLE", `could not read ${file}: ${(error as NodeJS.ErrnoException).code ?? String(error)}`);
    }
    try {
      return JSON.parse(text);
    } catch {
      throw new ResultStoreError("RESULT_UNREADABLE", `${file} is not valid JSON`);
    }
  }
}

/**
 * JSON text of a value that JSON gives back unchanged: plain objects, arrays, strings, finite
 * numbers, booleans, null. Anything JSON would drop or change (functions, BigInt, cycles, Dates,
 * Maps, class instances) is refused with where it is, rather than handing the next run something else.
 */
export function toJson(value: unknown): string {
  checkPlain(value, "result", []);
  return JSON.stringify(value);
}

function checkPlain(value: unknown, path: string, ancestors: object[]): void {
  const refuse = (what: string) => {
    throw new ResultStoreError("RESULT_NOT_SERIALIZABLE", `${path} is ${what}; results are stored as JSON (plain objects, arrays, strings, finite numbers, booleans, null)`);
  };
  switch (typeof value) {
    case "string":
    case "boolean":
      return;
    case "number":
      if (!Number.isFinite(value)) refuse(String(value));
      return;
    case "bigint":
      return refuse("a BigInt");
    case "function":
      return refuse("a function");
    case "symbol":
      return refuse("a symbol");
    case "undefined":
      return refuse("undefined");
    case "object": {
      if (value === null) return;
      if (ancestors.includes(value)) return refuse("a reference back to its own parent (a cycle)");
      const inner = [...ancestors, value];
      if (Array.isArray(value)) {
        value.forEach((item, i) => checkPlain(item, `${path}[${i}]`, inner));
        return;
      }
      const proto = Object.getPrototypeOf(value);
      if (proto !== Object.prototype && proto !== null) return refuse(`a ${(value as object).constructor?.name ?? "non-plain object"}`);
      for (const [key, item] of Object.entries(value)) {
        // A property holding undefined is left out by JSON and reads back as missing: the same thing.
        if (item !== undefined) checkPlain(item, `${path}.${key}`, inner);
      }
      return;
    }
  }
}

function formatBytes(bytes: number): string {
  if (bytes >= 1_000_000) return `${(bytes / 1_000_000).toFixed(1)} MB`;
  if (bytes >= 1_000) return `${(bytes / 1_000).toFixed(1)} kB`;
  return `${bytes} B`;
}
