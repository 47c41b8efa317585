#!/usr/bin/env node
// `npm test`: every test, in order (contract, lint, typecheck, unit + API, build, e2e), with what it found
// on this machine said up front, and one closing "N passed, N failed" line over vitest and Playwright.
import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync } from "node:fs";
import { createConnection } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";

const reports = mkdtempSync(join(tmpdir(), "tern-test-report-"));

function canConnect(host, port) {
  return new Promise((resolve) => {
    const socket = createConnection({ host, port, timeout: 1000 });
    socket.once("connect", () => {
      socket.destroy();
      resolve(true);
    });
    socket.once("error", () => resolve(false));
    socket.once("timeout", () => {
      socket.destroy();
      resolve(false);
    });
  });
}

const missingTools = ["vitest", "playwright", "tsc", "vite"].filter((tool) => !existsSync(join(import.meta.dirname, "../node_modules/.bin", tool)));
if (missingTools.length) {
  console.error(`test: ${missingTools.join(", ")} not installed. Run \`npm ci\` first (then \`npm run setup:browser\` for Chromium).`);
  process.exit(1);
}

const env = { ...process.env };
if (!env.DATABASE_URL_TEST) {
  if (await canConnect("127.0.0.1", 5432)) env.DATABASE_URL_TEST = "postgres://postgres@127.0.0.1:5432/test";
}
console.log(env.DATABASE_URL_TEST ? "test: API tests run on SQLite and PostgreSQL" : "test: PostgreSQL not reachable at 127.0.0.1:5432 (set DATABASE_URL_TEST to use another): API tests run on SQLite only");

const chromium = env.CHROMIUM_PATH ?? "/usr/bin/chromium";
if (!existsSync(chromium)) {
  console.error(`test: no Chromium at ${chromium}. Run \`npm run setup:browser\` (installs Debian's chromium) or set CHROMIUM_PATH.`);
  process.exit(1);
}

const steps = [
  ["contract (schema + generated types up to date)", ["npm", "run", "--silent", "check:contract"]],
  ["lint and layering (Biome: recommended rules, import direction, no cycles, no barrels)", ["npm", "run", "--silent", "lint"]],
  ["typecheck", ["npx", "tsc", "--noEmit", "-p", "tsconfig.json"]],
  ["unit and API tests", ["npx", "vitest", "run", "--reporter=default", "--reporter=json", `--outputFile.json=${join(reports, "vitest.json")}`]],
  ["build the dashboard", ["npx", "vite", "build", "--logLevel", "warn"]],
  ["bundle the CLI (the e2e tests run the bundle; the unit tests ran the sources)", ["node", "scripts/build-cli.mjs"]],
  ["e2e in Chromium", ["npx", "playwright", "test", "--reporter=list,json"], { PLAYWRIGHT_JSON_OUTPUT_NAME: join(reports, "playwright.json") }],
];

let failedStep = null;
for (const [title, [command, ...args], extraEnv] of steps) {
  console.log(`\n=== ${title}`);
  const result = spawnSync(command, args, { stdio: "inherit", env: { ...env, ...extraEnv } });
  if (result.status !== 0) {
    failedStep = title;
    break;
  }
}

let passed = 0;
let failed = 0;
const vitestReport = join(reports, "vitest.json");
if (existsSync(vitestReport)) {
  const report = JSON.parse(readFileSync(vitestReport, "utf8"));
  passed += report.numPassedTests ?? 0;
  failed += report.numFailedTests ?? 0;
}
const playwrightReport = join(reports, "playwright.json");
if (existsSync(playwrightReport)) {
  const stats = JSON.parse(readFileSync(playwrightReport, "utf8")).stats ?? {};
  passed += (stats.expected ?? 0) + (stats.flaky ?? 0);
  failed += stats.unexpected ?? 0;
}
if (failedStep) console.error(`\ntest: step failed: ${failedStep}`);
console.log(`\ntests: ${passed} passed, ${failed} failed`);
process.exit(failedStep || failed > 0 ? 1 : 0);
