// One answer to "is this build still made from these sources?", for the CLI bundle and the dashboard:
// a hash of the sources' contents, not their file times (a checkout, a copy or a touch changes times
// without changing code, and a clock step or a restored file can make old code look newer).
import { createHash } from "node:crypto";
import { readdirSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";

/**
 * SHA-256 over each path under `root` (relative, in sorted order; directories walked) and its bytes.
 * A missing path counts as missing, so removing a source changes the hash too.
 */
export function contentHash(root, paths) {
  const hash = createHash("sha256");
  const add = (path) => {
    const stats = statSync(join(root, path), { throwIfNoEntry: false });
    if (!stats) {
      hash.update(`missing\0${path}\0`);
    } else if (stats.isDirectory()) {
      for (const entry of readdirSync(join(root, path)).sort()) add(join(path, entry));
    } else {
      hash.update(`file\0${path}\0${stats.size}\0`);
      hash.update(readFileSync(join(root, path)));
    }
  };
  for (const path of [...paths].sort()) add(path);
  return hash.digest("hex");
}

/**
 * A hash of the files' sizes and modification times only: when it is unchanged, no file was
 * written since, so a start can skip reading them (as git's index does). It decides nothing alone:
 * any difference sends the caller to {@link contentHash}.
 */
export function statStamp(root, files) {
  const hash = createHash("sha256");
  for (const path of files) {
    const stats = statSync(join(root, path), { throwIfNoEntry: false });
    hash.update(stats ? `${path}\0${stats.size}\0${stats.mtimeMs}\0` : `missing\0${path}\0`);
  }
  return hash.digest("hex");
}
