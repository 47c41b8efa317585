import { spawnSync } from "node:child_process";
import { readdirSync } from "node:fs";
import { join } from "node:path";

/** `npm run bench [name…]`: runs each bench/*.bench.ts in its own process, one after another. */
const wanted = process.argv.slice(2);
const files = readdirSync(import.meta.dirname)
  .filter((f) => f.endsWith(".bench.ts"))
  .filter((f) => wanted.length === 0 || wanted.some((w) => f.includes(w)))
  .sort();
let failures = 0;
for (const file of files) {
  console.log(`\n=== ${file}`);
  const result = spawnSync(process.execPath, ["--import", "tsx", join(import.meta.dirname, file)], { stdio: "inherit" });
  if (result.status !== 0) failures++;
}
process.exit(failures ? 1 : 0);
