// Where the bundled CLI lives (built by scripts/build-cli.mjs) and whether it still matches the
// sources: it is used only while the sources it was built from hash as they did at build time.
import { existsSync, readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { contentHash, statStamp } from "./content-hash.mjs";

export const packageRoot = join(dirname(fileURLToPath(import.meta.url)), "..");
export const bundleDir = join(packageRoot, "build/cli");
export const bundleFile = join(bundleDir, "tern.mjs");
/**
 * `{ inputs, hash, stamp }`: the source files the bundle was built from, their contentHash, and
 * their statStamp (while that still matches, the files are not read: a start stays fast).
 */
export const bundleInputsFile = join(bundleDir, "inputs.json");

export function bundleIsFresh(root = packageRoot) {
  const dir = join(root, "build/cli");
  if (!existsSync(join(dir, "tern.mjs"))) return false;
  try {
    const { inputs, hash, stamp } = JSON.parse(readFileSync(join(dir, "inputs.json"), "utf8"));
    if (typeof hash !== "string") return false;
    return statStamp(root, inputs) === stamp || contentHash(root, inputs) === hash;
  } catch {
    return false; // an unreadable list: the sources are the truth
  }
}
