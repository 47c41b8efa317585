// Where the bundled CLI lives (built by scripts/build-cli.mjs) and whether it still matches the
// sources: it is used only while it is newer than every source file it was built from.
import { existsSync, readFileSync, statSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

export const packageRoot = join(dirname(fileURLToPath(import.meta.url)), "..");
export const bundleDir = join(packageRoot, "build/cli");
export const bundleFile = join(bundleDir, "tern.mjs");
export const bundleInputsFile = join(bundleDir, "inputs.json");

export function bundleIsFresh() {
  if (!existsSync(bundleFile)) return false;
  try {
    const builtAt = statSync(bundleFile).mtimeMs;
    const inputs = JSON.parse(readFileSync(bundleInputsFile, "utf8"));
    return inputs.every((input) => statSync(join(packageRoot, input)).mtimeMs <= builtAt);
  } catch {
    return false; // an input was removed or the list is unreadable: the sources are the truth
  }
}
