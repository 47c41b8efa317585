export interface LogLine {
  timestamp: string;
  level?: string | null;
  name?: string | null;
  message?: string | null;
}

/**
 * One line of the downloaded log: `2026-11-26T14:03:09.120000Z INFO     name  message`. The server's own
 * ISO timestamp, so a file read elsewhere keeps its zone and full precision whatever the view showed.
 */
export function logLineText(line: LogLine): string {
  return `${line.timestamp} ${(line.level ?? "").padEnd(8)} ${line.name ?? ""}  ${line.message ?? ""}`;
}

export const LOG_LEVELS = ["DEBUG", "INFO", "WARNING", "ERROR", "CRITICAL"] as const;

/** The levels shown for a minimum level ("WARNING" shows WARNING, ERROR and CRITICAL). */
export function levelsFrom(minimum: string | undefined): string[] | null {
  const i = LOG_LEVELS.indexOf(minimum as (typeof LOG_LEVELS)[number]);
  return i <= 0 ? null : LOG_LEVELS.slice(i);
}

/** Fetches every page until a short one, so a download holds the complete log, not the window. */
export async function collectPages<T>(fetchPage: (offset: number, limit: number) => Promise<T[]>, pageSize: number): Promise<T[]> {
  const all: T[] = [];
  for (let offset = 0; ; offset += pageSize) {
    const page = await fetchPage(offset, pageSize);
    all.push(...page);
    if (page.length < pageSize) return all;
  }
}
