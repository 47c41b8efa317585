import type { Log_Bool_Exp } from "../../core/gql/graphql.ts";

/**
 * A line's place in its run's log: the order the log is shown in is (timestamp, seq), seq counting
 * the run's lines in write order, so lines sharing a timestamp keep their order. Keyset paging on it
 * stays exact while lines keep arriving (offsets would shift under a live log).
 */
export interface LogCursor {
  timestamp: string;
  seq: number;
}

/** Lines strictly before the cursor. */
export function olderThan(c: LogCursor): Log_Bool_Exp {
  return { _or: [{ timestamp: { _lt: c.timestamp } }, { timestamp: { _eq: c.timestamp }, seq: { _lt: c.seq } }] };
}

/** Lines strictly after the cursor. */
export function newerThan(c: LogCursor): Log_Bool_Exp {
  return { _or: [{ timestamp: { _gt: c.timestamp } }, { timestamp: { _eq: c.timestamp }, seq: { _gt: c.seq } }] };
}

/** Lines at or after the cursor. */
export function fromCursor(c: LogCursor): Log_Bool_Exp {
  return { _not: olderThan(c) };
}

/** Which slice of the log a page holds: before a line, after it, or around it (the line included). */
export type PageParam = { dir: "older" | "newer" | "around"; cursor: LogCursor };

/** A fetched page, oldest line first, with whether the log goes on past either end of it. */
export interface LogPage<T extends LogCursor> {
  lines: T[];
  hasOlder: boolean;
  hasNewer: boolean;
}

/** The page before the first loaded one, or none at the log's start. */
export function olderPageParam<T extends LogCursor>(first: LogPage<T>): PageParam | undefined {
  const line = first.lines[0];
  return first.hasOlder && line ? { dir: "older", cursor: line } : undefined;
}

/** The page after the last loaded one, or none at the log's (current) end. */
export function newerPageParam<T extends LogCursor>(last: LogPage<T>): PageParam | undefined {
  const line = last.lines.at(-1);
  return last.hasNewer && line ? { dir: "newer", cursor: line } : undefined;
}

/**
 * Fetches one page. `fetchOlder(where, limit)` returns lines newest first, `fetchNewer` oldest first;
 * a page that comes back full says more lines lie beyond it. An "around" page holds half a page
 * before the cursor and the cursor's line with the lines after it.
 */
export async function fetchLogPage<T extends LogCursor>(
  param: PageParam,
  size: number,
  fetchOlder: (where: Log_Bool_Exp, limit: number) => Promise<T[]>,
  fetchNewer: (where: Log_Bool_Exp, limit: number) => Promise<T[]>,
): Promise<LogPage<T>> {
  if (param.dir === "older") {
    const lines = await fetchOlder(olderThan(param.cursor), size);
    return { lines: lines.reverse(), hasOlder: lines.length === size, hasNewer: true };
  }
  if (param.dir === "newer") {
    const lines = await fetchNewer(newerThan(param.cursor), size);
    return { lines, hasOlder: true, hasNewer: lines.length === size };
  }
  const half = Math.ceil(size / 2);
  const [before, after] = await Promise.all([fetchOlder(olderThan(param.cursor), half), fetchNewer(fromCursor(param.cursor), half)]);
  return { lines: [...before.reverse(), ...after], hasOlder: before.length === half, hasNewer: after.length === half };
}
