import { defineConfig } from "@playwright/test";
import base from "./playwright.config.ts";

/**
 * `npm run screenshot`: retakes docs/screenshot.png with the e2e fixtures (real server, agent and
 * Chromium). Its own config, so `npm test` (which runs playwright.config.ts) never rewrites the file.
 */
export default defineConfig({
  ...base,
  testDir: "e2e/screenshot",
  testMatch: "*.shot.ts",
  retries: 0,
});
