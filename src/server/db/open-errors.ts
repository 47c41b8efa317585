import { isPostgresUrl } from "./database.ts";

/**
 * Why the database could not be opened at start-up, in one line that names the file (or the
 * PostgreSQL server) and the cause, e.g.
 * `cannot open the database /home/me/.tern/tern.db: it is not an SQLite database, or it is corrupt (SQLITE_NOTADB)`.
 */
export function describeOpenError(url: string, error: unknown): string {
  // A failed migration wraps the driver's error; its code says why.
  const code = (error as { code?: unknown } | null)?.code ?? ((error as { cause?: { code?: unknown } } | null)?.cause?.code);
  const codeText = typeof code === "string" ? code : undefined;
  const message = firstLine(error instanceof Error ? error.message : String(error));
  if (isPostgresUrl(url)) return `cannot open the database at ${redactedPostgresUrl(url)}: ${message}${codeText ? ` (${codeText})` : ""}`;
  return `cannot open the database ${url}: ${sqliteCause(codeText) ?? message}${codeText ? ` (${codeText})` : ""}`;
}

function sqliteCause(code: string | undefined): string | undefined {
  if (!code) return undefined;
  if (code.startsWith("SQLITE_NOTADB") || code.startsWith("SQLITE_CORRUPT")) return "it is not an SQLite database, or it is corrupt";
  if (code.startsWith("SQLITE_BUSY") || code.startsWith("SQLITE_LOCKED")) return "it is locked by another process (another server on the same file, or a backup in progress)";
  if (code.startsWith("SQLITE_READONLY") || code.startsWith("SQLITE_CANTOPEN") || ["EACCES", "EPERM", "EROFS"].includes(code)) {
    return "cannot create or write it: check that its folder exists and is writable";
  }
  if (code === "ENOTDIR" || code === "EEXIST") return "its folder cannot be created: a file is in the way";
  if (code.startsWith("SQLITE_FULL") || code === "ENOSPC") return "the disk is full";
  return undefined;
}

/** The URL without its password, so the line can be logged. */
function redactedPostgresUrl(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password) parsed.password = "***";
    return parsed.toString();
  } catch {
    return "the PostgreSQL server";
  }
}

const firstLine = (text: string) => text.split("\n")[0];
