import { spawn } from "node:child_process";
import { once } from "node:events";

/**
 * For tests: another process takes the SQLite write lock on `file` (BEGIN IMMEDIATE) and holds it
 * for `holdMs`, as a backup tool or a second program writing the same file would. Resolves once the
 * lock is held; `released` resolves when that process has committed and exited.
 */
export async function holdSqliteWriteLock(file: string, holdMs: number): Promise<{ released: Promise<void> }> {
  const script = `
    const db = new (require("better-sqlite3"))(process.argv[1]);
    db.exec("BEGIN IMMEDIATE");
    process.stdout.write("locked\\n");
    setTimeout(() => { db.exec("COMMIT"); db.close(); }, Number(process.argv[2]));
  `;
  const child = spawn(process.execPath, ["-e", script, file, String(holdMs)], { cwd: import.meta.dirname, stdio: ["ignore", "pipe", "pipe"] });
  let stderr = "";
  child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
  const exited = once(child, "exit").then(([code]) => {
    if (code !== 0) throw new Error(`lock holder exited with ${code}: ${stderr}`);
  });
  await new Promise<void>((resolve, reject) => {
    child.stdout.on("data", (chunk: Buffer) => chunk.toString().includes("locked") && resolve());
    exited.then(() => reject(new Error(`lock holder exited before locking: ${stderr}`)), reject);
  });
  return { released: exited };
}
