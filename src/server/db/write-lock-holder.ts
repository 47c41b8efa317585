import { spawn } from "node:child_process";
import { once } from "node:events";

export interface HeldLock {
  /** Ends the hold now (commits); `released` resolves once the holder has exited. */
  release(): void;
  released: Promise<void>;
}

/**
 * For tests: another process takes the SQLite write lock on `file` (BEGIN IMMEDIATE), as a backup
 * tool or a second program writing the same file would, and holds it for `holdMs` or until
 * `release()`. `exclusive` (BEGIN EXCLUSIVE) also keeps readers out of a file not in WAL mode.
 * Resolves once the lock is held.
 */
export async function holdSqliteWriteLock(file: string, options: { holdMs?: number; mode?: "immediate" | "exclusive" } = {}): Promise<HeldLock> {
  const script = `
    const db = new (require("better-sqlite3"))(process.argv[1]);
    db.exec(process.argv[3] === "exclusive" ? "BEGIN EXCLUSIVE" : "BEGIN IMMEDIATE");
    process.stdout.write("locked\\n");
    let done = false;
    const commit = () => { if (done) return; done = true; db.exec("COMMIT"); db.close(); process.exit(0); };
    process.stdin.on("end", commit).resume();
    if (process.argv[2]) setTimeout(commit, Number(process.argv[2]));
  `;
  const args = ["-e", script, file, options.holdMs === undefined ? "" : String(options.holdMs), options.mode ?? "immediate"];
  const child = spawn(process.execPath, args, { cwd: import.meta.dirname, stdio: ["pipe", "pipe", "pipe"] });
  let stderr = "";
  child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
  const released = once(child, "exit").then(([code]) => {
    if (code !== 0) throw new Error(`lock holder exited with ${code}: ${stderr}`);
  });
  await new Promise<void>((resolve, reject) => {
    child.stdout.on("data", (chunk: Buffer) => chunk.toString().includes("locked") && resolve());
    released.then(() => reject(new Error(`lock holder exited before locking: ${stderr}`)), reject);
  });
  return { release: () => child.stdin.end(), released };
}
