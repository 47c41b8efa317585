import { execFile } from "node:child_process";
import { createHash } from "node:crypto";
import { existsSync, mkdirSync, symlinkSync } from "node:fs";
import { homedir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { promisify } from "node:util";
import type { GitStorage } from "../sdk/storage.ts";

const run = promisify(execFile);
const PACKAGE_ROOT = resolve(import.meta.dirname, "../..");

export function ternHome(): string {
  return process.env.TERN_HOME ?? join(homedir(), ".tern");
}

/**
 * Clones the repository once per (repo, ref) into `$TERN_HOME/git-cache`, fetches on later runs,
 * and returns the absolute path of the flow file in the checked-out tree.
 */
export async function checkoutGitStorage(storage: GitStorage): Promise<string> {
  const cacheRoot = join(ternHome(), "git-cache");
  mkdirSync(cacheRoot, { recursive: true });
  linkSdk(cacheRoot);
  const key = createHash("sha256").update(`${storage.repo}\n${storage.ref}`).digest("hex").slice(0, 16);
  const dir = join(cacheRoot, key);
  const git = (...args: string[]) => run("git", args, { cwd: dir, env: { ...process.env, GIT_TERMINAL_PROMPT: "0" } });
  if (!existsSync(join(dir, ".git"))) {
    mkdirSync(dir, { recursive: true });
    await git("init", "-q");
    await git("remote", "add", "origin", storage.repo);
  }
  await git("fetch", "-q", "--depth", "1", "origin", storage.ref);
  await git("checkout", "-q", "--force", "FETCH_HEAD");
  return join(dir, storage.path);
}

/** Flow files in a clone import "tern": resolve it to this package, as a user's project would. */
function linkSdk(cacheRoot: string) {
  const link = join(cacheRoot, "node_modules", "tern");
  if (existsSync(link)) return;
  mkdirSync(dirname(link), { recursive: true });
  try {
    symlinkSync(PACKAGE_ROOT, link, "dir");
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
  }
}
