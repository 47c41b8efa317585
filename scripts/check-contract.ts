import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { printedSchema } from "../src/server/graphql/print-schema.ts";

/**
 * Fails when the committed schema or the generated client types are stale: the schema is printed
 * from code and compared, then codegen runs and git must see no change in its output.
 */
const root = join(import.meta.dirname, "..");
const schemaPath = join(root, "src/server/graphql/schema.graphql");
const committed = readFileSync(schemaPath, "utf8");
if (committed !== printedSchema()) {
  console.error("check:contract: src/server/graphql/schema.graphql is stale. Run `npm run schema && npm run codegen` and commit.");
  process.exit(1);
}
execFileSync("npx", ["graphql-codegen", "--config", "codegen.ts", "--silent"], { cwd: root, stdio: "inherit" });
const changed = execFileSync("git", ["status", "--porcelain", "--", "src/core/gql"], { cwd: root, encoding: "utf8" }).trim();
if (changed) {
  console.error(`check:contract: generated client types changed; run \`npm run codegen\` and commit:\n${changed}`);
  process.exit(1);
}
console.log("check:contract: schema and generated types are up to date");
