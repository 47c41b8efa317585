// Where the bundled CLI lives (built by scripts/build-cli.mjs) and whether it still matches the
// sources: it is used only while the sources it was built from hash as they did at build time.
import { existsSync, readFileSync, realpathSync } from "node:fs";
import { dirname, join, sep } from "node:path";
import { fileURLToPath } from "node:url";
import { contentHash, statStamp } from "./content-hash.mjs";

export const packageRoot = join(dirname(fileURLToPath(import.meta.url)), "..");
export const bundleDir = join(packageRoot, "build/cli");
export const bundleFile = join(bundleDir, "tern.mjs");
/**
 * `{ inputs, hash, packedHash, stamp }`: the source files the bundle was built from, their
 * contentHash (packedHash: the same without package-lock.json), and their statStamp (while that
 * still matches, the files are not read: a start stays fast).
 */
export const bundleInputsFile = join(bundleDir, "inputs.json");

/** Whether `root` is a Tern that npm installed into some project (not a checkout, linked or not). */
export function isInstalledCopy(root) {
  return realpathSync(root).split(sep).includes("node_modules");
}

export function bundleIsFresh(root = packageRoot) {
  const dir = join(root, "build/cli");
  if (!existsSync(join(dir, "tern.mjs"))) return false;
  try {
    const { inputs, hash, packedHash, stamp } = JSON.parse(readFileSync(join(dir, "inputs.json"), "utf8"));
    if (typeof hash !== "string") return false;
    // A copy npm installed from a packed tarball has every source but no lockfile (npm never packs one).
    if (isInstalledCopy(root)) return typeof packedHash === "string" && contentHash(root, inputs.filter((path) => path !== "package-lock.json")) === packedHash;
    return statStamp(root, inputs) === stamp || contentHash(root, inputs) === hash;
  } catch {
    return false; // an unreadable list: the sources are the truth
  }
}
